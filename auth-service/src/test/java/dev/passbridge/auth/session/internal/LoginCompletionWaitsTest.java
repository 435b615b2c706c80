package dev.passbridge.auth.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.auth.fakes.InMemoryLoginTransactions;
import dev.passbridge.auth.fakes.MutableClock;
import dev.passbridge.auth.login.LoginState;
import dev.passbridge.auth.login.LoginTransaction;
import dev.passbridge.auth.session.ExchangeResult;
import dev.passbridge.auth.session.IssuedSession;
import dev.passbridge.auth.session.SessionExchange;
import dev.passbridge.contracts.events.LoginMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoginCompletionWaitsTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  private final InMemoryLoginTransactions transactions = new InMemoryLoginTransactions();
  private final CompletionSignals signals = new CompletionSignals();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final LoginCompletionWaits waits =
      new LoginCompletionWaits(
          new SessionExchange(
              transactions,
              (u, sid, amr, roles, now) -> new IssuedSession("t", "k", now.plusSeconds(3600)),
              e -> {},
              new dev.passbridge.auth.fakes.InMemoryUserSessions(),
              clock),
          signals,
          workers);
  private final UUID userId = UUID.randomUUID();

  @AfterEach
  void stop() {
    workers.shutdownNow();
  }

  private void open(String loginId) {
    Instant now = clock.instant();
    transactions.open(
        new LoginTransaction(
            loginId,
            userId,
            LoginState.PASSWORD_OK,
            LoginMethod.PASSWORD_OTP,
            LoginTransaction.AMR_PASSWORD_OTP,
            "carol",
            "Carol",
            List.of("user"),
            now,
            now.plus(Duration.ofMinutes(10))),
        null,
        Duration.ofMinutes(10));
  }

  @Test
  void answersAsSoonAsTheCompletionIsSignalled() throws Exception {
    open("waiting-login-00000001");
    long t0 = System.nanoTime();
    var future = waits.exchangeWhenCompleted("waiting-login-00000001", Duration.ofSeconds(5));
    Thread.sleep(200);
    assertThat(future).isNotDone();

    transactions.complete("waiting-login-00000001", userId, List.of("pwd", "otp"), clock.instant());
    signals.signal("waiting-login-00000001");

    assertThat(future.get(2, TimeUnit.SECONDS)).isInstanceOf(ExchangeResult.Issued.class);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(signals.waiting()).isZero();
  }

  @Test
  void givesUpAfterTheWaitWithNotCompleted() throws Exception {
    open("waiting-login-00000002");
    long t0 = System.nanoTime();

    var result =
        waits
            .exchangeWhenCompleted("waiting-login-00000002", Duration.ofMillis(300))
            .get(2, TimeUnit.SECONDS);

    assertThat(result).isInstanceOf(ExchangeResult.NotCompleted.class);
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(signals.waiting()).isZero();
  }

  @Test
  void aLostSignalIsCoveredByTheFinalTryAtTheDeadline() throws Exception {
    open("waiting-login-00000003");
    var future = waits.exchangeWhenCompleted("waiting-login-00000003", Duration.ofMillis(400));
    transactions.complete("waiting-login-00000003", userId, List.of("pwd", "otp"), clock.instant());
    // no signal

    assertThat(future.get(2, TimeUnit.SECONDS)).isInstanceOf(ExchangeResult.Issued.class);
  }

  @Test
  void waitsForALoginThatAppearsCompleted() throws Exception {
    // a passkey login: the browser asks before auth-service consumed PasskeyAuthenticated
    var future = waits.exchangeWhenCompleted("passkey-login-00000001", Duration.ofSeconds(5));
    Thread.sleep(200);
    assertThat(future).isNotDone();
    Instant now = clock.instant();
    transactions.openCompleted(
        new LoginTransaction(
            "passkey-login-00000001",
            userId,
            LoginState.COMPLETED,
            LoginMethod.PASSKEY,
            LoginTransaction.AMR_PASSKEY,
            "carol",
            "Carol",
            List.of("user"),
            now,
            now.plus(Duration.ofMinutes(10))),
        Duration.ofMinutes(10),
        UUID.randomUUID());
    signals.signal("passkey-login-00000001");

    assertThat(future.get(2, TimeUnit.SECONDS)).isInstanceOf(ExchangeResult.Issued.class);
  }

  @Test
  void anUnknownLoginIsUnknownAfterTheWait() throws Exception {
    var future = waits.exchangeWhenCompleted("unknown-login-00000001", Duration.ofMillis(300));
    assertThat(future.get(2, TimeUnit.SECONDS)).isInstanceOf(ExchangeResult.Unknown.class);
  }

  @Test
  void anExpiredLoginAnswersAtOnce() throws Exception {
    open("expired-login-00000001");
    clock.advance(Duration.ofMinutes(11));
    long t0 = System.nanoTime();
    var future = waits.exchangeWhenCompleted("expired-login-00000001", Duration.ofSeconds(5));
    assertThat(future.get(1, TimeUnit.SECONDS)).isInstanceOf(ExchangeResult.Expired.class);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
  }
}
