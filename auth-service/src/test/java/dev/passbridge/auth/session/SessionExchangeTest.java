package dev.passbridge.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.auth.fakes.InMemoryLoginTransactions;
import dev.passbridge.auth.fakes.InMemoryUserSessions;
import dev.passbridge.auth.fakes.MutableClock;
import dev.passbridge.auth.login.LoginState;
import dev.passbridge.auth.login.LoginTransaction;
import dev.passbridge.contracts.events.LoginMethod;
import dev.passbridge.contracts.events.LoginSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionExchangeTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  private final InMemoryLoginTransactions transactions = new InMemoryLoginTransactions();
  private final List<LoginSucceeded> published = new ArrayList<>();
  // every event handed to Kafka, acknowledged or not (an unacknowledged one may still be written)
  private final List<LoginSucceeded> attempted = new ArrayList<>();
  private boolean kafkaDown;
  private final InMemoryUserSessions userSessions = new InMemoryUserSessions();
  private final SessionExchange exchange =
      new SessionExchange(
          transactions,
          (userId, sid, amr, roles, now) ->
              new IssuedSession("token-" + sid, "kid", now.plus(Duration.ofHours(1))),
          event -> {
            attempted.add(event);
            if (kafkaDown) {
              throw new IllegalStateException("no ack");
            }
            published.add(event);
          },
          userSessions,
          clock);
  private final UUID userId = UUID.randomUUID();

  private void open(String loginId, LoginState state, LoginMethod method) {
    Instant now = clock.instant();
    transactions.open(
        new LoginTransaction(
            loginId,
            userId,
            state,
            method,
            method == LoginMethod.PASSKEY
                ? LoginTransaction.AMR_PASSKEY
                : LoginTransaction.AMR_PASSWORD_OTP,
            "carol",
            "Carol",
            List.of("user"),
            now,
            now.plus(Duration.ofMinutes(10))),
        null,
        Duration.ofMinutes(10));
  }

  @Test
  void aBoundLoginGoesOnlyToTheBrowserThatHoldsItsBindingWhateverItsState() {
    open("login-bound-000000001", LoginState.COMPLETED, LoginMethod.PASSWORD_OTP);
    transactions.bindings.put("login-bound-000000001", "digest-of-the-browsers-token");

    assertThat(exchange.exchange("login-bound-000000001"))
        .isInstanceOf(ExchangeResult.NotYours.class);
    assertThat(exchange.exchange("login-bound-000000001", "digest-of-another-token"))
        .isInstanceOf(ExchangeResult.NotYours.class);
    assertThat(published).isEmpty();
    assertThat(exchange.exchange("login-bound-000000001", "digest-of-the-browsers-token"))
        .isInstanceOf(ExchangeResult.Issued.class);
    assertThat(exchange.exchange("login-bound-000000001"))
        .as("used, still not told to another")
        .isInstanceOf(ExchangeResult.NotYours.class);
  }

  @Test
  void issuesASessionForACompletedLoginExactlyOnce() {
    open("login-completed-000001", LoginState.COMPLETED, LoginMethod.PASSWORD_OTP);

    var first = exchange.exchange("login-completed-000001");
    var second = exchange.exchange("login-completed-000001");

    assertThat(first).isInstanceOf(ExchangeResult.Issued.class);
    assertThat(((ExchangeResult.Issued) first).session().token())
        .isEqualTo("token-login-completed-000001");
    assertThat(second).isInstanceOf(ExchangeResult.AlreadyUsed.class);
    assertThat(published)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.loginId()).isEqualTo("login-completed-000001");
              assertThat(e.method()).isEqualTo(LoginMethod.PASSWORD_OTP);
              assertThat(e.userId()).isEqualTo(userId);
            });
  }

  @Test
  void everySessionIsRecordedUnderItsUserAndAnErasedUsersLoginGetsNone() {
    open("login-recorded-0000001", LoginState.COMPLETED, LoginMethod.PASSWORD_OTP);
    assertThat(exchange.exchange("login-recorded-0000001"))
        .isInstanceOf(ExchangeResult.Issued.class);
    assertThat(userSessions.of(userId)).containsExactly("login-recorded-0000001");

    // the account is erased while another login of it is under way
    open("login-erased-00000001", LoginState.COMPLETED, LoginMethod.PASSKEY);
    assertThat(userSessions.close(userId, clock.instant(), Duration.ofHours(1)))
        .extracting(UserSessions.Open::sessionId)
        .containsExactly("login-recorded-0000001");
    assertThat(exchange.exchange("login-erased-00000001"))
        .isInstanceOf(ExchangeResult.Expired.class);
    assertThat(published)
        .extracting(LoginSucceeded::loginId)
        .containsExactly("login-recorded-0000001");
    assertThat(exchange.exchange("login-erased-00000001"))
        .as("the login is used up, not handed out later")
        .isInstanceOf(ExchangeResult.AlreadyUsed.class);
  }

  @Test
  void aLoginWaitingForItsSecondFactorIsNotCompleted() {
    open("login-pending-00000001", LoginState.PASSWORD_OK, LoginMethod.PASSWORD_OTP);
    assertThat(exchange.exchange("login-pending-00000001"))
        .isInstanceOf(ExchangeResult.NotCompleted.class);
    assertThat(published).isEmpty();
  }

  @Test
  void unknownAndExpiredLoginsAreToldApart() {
    assertThat(exchange.exchange("never-heard-of-it-0001"))
        .isInstanceOf(ExchangeResult.Unknown.class);
    open("login-expiring-0000001", LoginState.COMPLETED, LoginMethod.PASSKEY);
    clock.advance(Duration.ofMinutes(10));
    assertThat(exchange.exchange("login-expiring-0000001"))
        .isInstanceOf(ExchangeResult.Expired.class);
  }

  @Test
  void releasesTheLoginWhenLoginSucceededCannotBePublished() {
    open("login-kafka-down-00001", LoginState.COMPLETED, LoginMethod.PASSKEY);
    kafkaDown = true;

    assertThatThrownBy(() -> exchange.exchange("login-kafka-down-00001"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(transactions.released).isEqualTo(1);

    kafkaDown = false;
    assertThat(exchange.exchange("login-kafka-down-00001"))
        .isInstanceOf(ExchangeResult.Issued.class);
    assertThat(published)
        .singleElement()
        .extracting(LoginSucceeded::method)
        .isEqualTo(LoginMethod.PASSKEY);
    // the unacknowledged first attempt and the retry are one event for consumers (same id)
    assertThat(attempted).hasSize(2);
    assertThat(attempted.get(1).eventId()).isEqualTo(attempted.get(0).eventId());
  }

  @Test
  void eachLoginHasItsOwnEventId() {
    open("login-event-id-000001", LoginState.COMPLETED, LoginMethod.PASSWORD_OTP);
    open("login-event-id-000002", LoginState.COMPLETED, LoginMethod.PASSWORD_OTP);

    exchange.exchange("login-event-id-000001");
    exchange.exchange("login-event-id-000002");

    assertThat(published).extracting(LoginSucceeded::eventId).doesNotHaveDuplicates().hasSize(2);
  }
}
