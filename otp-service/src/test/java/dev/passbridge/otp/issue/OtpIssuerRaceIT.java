package dev.passbridge.otp.issue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.ClientSignals;
import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SecondFactor;
import dev.passbridge.otp.RecordingBroker;
import dev.passbridge.otp.issue.OtpIssuer.Outcome;
import dev.passbridge.otp.issue.OtpIssuerTest.DelegatingStore;
import dev.passbridge.otp.issue.OtpIssuerTest.InMemoryClaims;
import dev.passbridge.otp.issue.OtpIssuerTest.MovableClock;
import dev.passbridge.otp.issue.OtpIssuerTest.RecordingSender;
import dev.passbridge.otp.policy.AccountStrikes;
import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.ChallengeStore.Versioned;
import dev.passbridge.otp.policy.ChallengeStore.VersionedAccount;
import dev.passbridge.otp.policy.CodeGenerator;
import dev.passbridge.otp.policy.IssueDecision;
import dev.passbridge.otp.policy.OtpChallenge;
import dev.passbridge.otp.policy.OtpLimits;
import dev.passbridge.otp.policy.OtpPolicy;
import dev.passbridge.otp.policy.VerifyDecision;
import dev.passbridge.otp.policy.internal.RedisChallengeStore;
import dev.passbridge.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The first issue of a login's code against a real Redis store, with the account locked between the
 * issuer's read of the account and its insert of the code, by the real lock path: a wrong code on
 * another login of the account that reaches the account's limit ({@code commit} locks every live
 * code of the account it finds, in the same script).
 */
class OtpIssuerRaceIT {
  static LettuceConnectionFactory factory;
  static StringRedisTemplate redis;

  final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  final OtpPolicy policy =
      new OtpPolicy(OtpLimits.defaults(), new CodeGenerator(), OtpIssuerTest.hasher());
  final RedisChallengeStore store =
      new RedisChallengeStore(redis, clock, OtpLimits.DEFAULT_ACCOUNT_WINDOW);
  final UUID user = UUID.randomUUID();
  final RecordingSender sms = new RecordingSender();
  final RecordingBroker broker = new RecordingBroker();

  @BeforeAll
  static void connect() {
    factory =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration("127.0.0.1", TestInfrastructure.redisPort()));
    factory.afterPropertiesSet();
    factory.start();
    redis = new StringRedisTemplate(factory);
    redis.afterPropertiesSet();
  }

  @AfterAll
  static void close() {
    factory.destroy();
  }

  static String loginId() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  PasswordAuthenticated event(String loginId) {
    return new PasswordAuthenticated(
        UUID.randomUUID(),
        clock.instant(),
        user,
        loginId,
        "alice",
        "Alice",
        "aGFuZGxl",
        new SecondFactor(SecondFactor.SMS, "+4915110000001"),
        new ClientSignals(true, Map.of(), "Mozilla/5.0", Map.of()),
        Platform.unknown());
  }

  OtpIssuer issuer(ChallengeStore store) {
    return new OtpIssuer(
        policy,
        store,
        new InMemoryClaims(),
        sms,
        OtpIssuerTest.texts(),
        clock,
        new SimpleMeterRegistry(),
        broker);
  }

  @Test
  void anAccountLockedBetweenTheReadAndTheInsertWithholdsTheNewLoginsCode() {
    // another login of the account, with a live code, and 9 of the account's 10 wrong codes
    String otherLogin = loginId();
    var other =
        (IssueDecision.Issue)
            policy.issue(
                otherLogin,
                user,
                SecondFactor.SMS,
                "+4915110000001",
                clock.instant(),
                null,
                clock.instant());
    assertThat(store.insert(other.challenge())).isTrue();
    List<Instant> nine = new ArrayList<>();
    for (int i = 9; i > 0; i--) {
      nine.add(clock.instant().minusSeconds(60L * i));
    }
    assertThat(
            store.replaceAccount(
                store.findAccount(user), new AccountStrikes(user, nine, null, null, null, false)))
        .isPresent();

    String loginId = loginId();
    ChallengeStore lockedInBetween =
        new DelegatingStore(store) {
          boolean raced;

          @Override
          public VersionedAccount findAccount(UUID userId) {
            VersionedAccount read = inner.findAccount(userId);
            if (!raced) {
              raced = true;
              lockWithAWrongCodeOn(otherLogin, other.code());
            }
            return read;
          }
        };

    assertThat(issuer(lockedInBetween).issue(event(loginId))).isEqualTo(Outcome.ACCOUNT_LOCKED);

    assertThat(sms.sent).as("no SMS during the lock").isEmpty();
    OtpChallenge stored = store.find(loginId).orElseThrow().challenge();
    assertThat(stored.locked()).isTrue();
    assertThat(stored.accountLock()).isTrue();
    assertThat(stored.pendingEventId()).as("no redelivery sends it").isNull();
    assertThat(broker.published)
        .singleElement()
        .isInstanceOfSatisfying(
            OtpLocked.class,
            e -> {
              assertThat(e.loginId()).isEqualTo(loginId);
              assertThat(e.reason()).isEqualTo(OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS);
            });
  }

  /** What a verify request on {@code otherLogin} does with the account's 10th wrong code. */
  void lockWithAWrongCodeOn(String otherLogin, String rightCode) {
    Versioned current = store.find(otherLogin).orElseThrow();
    VersionedAccount account = store.findAccount(user);
    var decision =
        policy.verify(
            current.challenge(),
            account.strikes(),
            rightCode.equals("000000") ? "000001" : "000000",
            clock.instant());
    assertThat(decision).isInstanceOf(VerifyDecision.AccountLockedNow.class);
    var lockedNow = (VerifyDecision.AccountLockedNow) decision;
    assertThat(store.commit(current, lockedNow.next(), account, lockedNow.account())).isPresent();
    assertThat(store.findAccount(user).strikes().lockedAt(clock.instant())).isTrue();
  }
}
