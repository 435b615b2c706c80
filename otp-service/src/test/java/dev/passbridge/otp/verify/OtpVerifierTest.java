package dev.passbridge.otp.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.otp.MutableClock;
import dev.passbridge.otp.RecordingBroker;
import dev.passbridge.otp.policy.CodeGenerator;
import dev.passbridge.otp.policy.CodeHasher;
import dev.passbridge.otp.policy.InMemoryChallengeStore;
import dev.passbridge.otp.policy.IssueDecision;
import dev.passbridge.otp.policy.OtpLimits;
import dev.passbridge.otp.policy.OtpPolicy;
import dev.passbridge.platform.kafka.EventPublicationException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What verify does when Kafka does not acknowledge (the ITs cover the happy paths on Kafka). */
class OtpVerifierTest {
  static final String LOGIN = "AAAAAAAAAAAAAAAAAAAAAA";

  final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  final OtpPolicy policy =
      new OtpPolicy(
          OtpLimits.defaults(),
          new CodeGenerator(),
          new CodeHasher("0123456789abcdef0123456789abcdef".getBytes()));
  final InMemoryChallengeStore store = new InMemoryChallengeStore();
  final RecordingBroker broker = new RecordingBroker();
  final OtpVerifier verifier =
      new OtpVerifier(policy, store, broker, clock, new SimpleMeterRegistry());
  String code;
  UUID user = UUID.randomUUID();

  @BeforeEach
  void issue() {
    var issue =
        (IssueDecision.Issue)
            policy.issue(LOGIN, user, "SMS", "+4915110000001", clock.instant(), clock.instant());
    code = issue.code();
    store.insert(issue.challenge());
  }

  /** A code issued for {@code login} at {@code at}, stored. */
  IssueDecision.Issue issued(String login, Instant at) {
    var issue = (IssueDecision.Issue) policy.issue(login, user, "SMS", "+4915110000001", at, at);
    store.insert(issue.challenge());
    return issue;
  }

  /** The user's account locked at {@code at} (by another login's wrong codes), announced. */
  void lockAccount(Instant at, UUID lockEvent) {
    store
        .replaceAccount(
            store.findAccount(user),
            new dev.passbridge.otp.policy.AccountStrikes(
                user,
                List.of(at),
                at.plus(Duration.ofHours(1)),
                lockEvent,
                "ZZZZZZZZZZZZZZZZZZZZZZ",
                true))
        .orElseThrow();
  }

  String wrong() {
    return code.equals("000000") ? "000001" : "000000";
  }

  @Test
  void anUnacknowledgedOtpVerifiedKeepsTheCodeAndTheRetryReusesTheEventId() {
    broker.down = true;
    assertThatThrownBy(() -> verifier.verify(LOGIN, code, null))
        .isInstanceOf(EventPublicationException.class);
    UUID pending = store.find(LOGIN).orElseThrow().challenge().verifiedEventId();
    assertThat(pending).as("the code is back, with the event id of the failed attempt").isNotNull();

    broker.down = false;
    assertThat(verifier.verify(LOGIN, code, null)).isInstanceOf(VerifyResult.Verified.class);
    assertThat(broker.published)
        .singleElement()
        .isInstanceOfSatisfying(
            OtpVerified.class,
            e -> {
              assertThat(e.eventId()).isEqualTo(pending);
              assertThat(e.userId()).isEqualTo(user);
              assertThat(e.loginId()).isEqualTo(LOGIN);
            });
    assertThat(store.find(LOGIN)).isEmpty();
    assertThat(verifier.verify(LOGIN, code, null)).isInstanceOf(VerifyResult.Expired.class);
  }

  /**
   * The instance that took the right code dies before Kafka acknowledged (or before it knew it
   * had): the login is not lost with its code. Until the lease ends nothing counts and the user is
   * told to retry shortly; then the same code verifies, with the same event id.
   */
  @Test
  void aCodeTakenByAnInstanceThatDiedIsLiveAgainOnceItsLeaseEndsWithTheSameEventId() {
    MutableClock now = new MutableClock();
    OtpVerifier verifier = new OtpVerifier(policy, store, broker, now, new SimpleMeterRegistry());
    String login = "CCCCCCCCCCCCCCCCCCCCCC";
    var issue = issued(login, now.instant());
    String right = issue.code();
    String wrongCode = right.equals("000000") ? "000001" : "000000";

    broker.dies = true;
    assertThatThrownBy(() -> verifier.verify(login, right, null))
        .isInstanceOf(RecordingBroker.Died.class);
    broker.dies = false;
    var taken = store.find(login).orElseThrow().challenge();
    assertThat(taken.verifyingAt(now.instant())).isTrue();
    assertThat(taken.verifiedEventId()).isNotNull();

    for (String code : List.of(right, wrongCode)) {
      assertThat(verifier.verify(login, code, null))
          .isInstanceOfSatisfying(
              VerifyResult.InProgress.class,
              p -> assertThat(p.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    }
    assertThat(policy.resend(store.find(login).orElseThrow().challenge(), now.instant()))
        .as("no new code while one is being verified")
        .isInstanceOf(dev.passbridge.otp.policy.ResendDecision.CoolingDown.class);
    assertThat(store.find(login).orElseThrow().challenge().attempts())
        .as("nothing counted")
        .isZero();
    assertThat(broker.published).isEmpty();

    now.advance(verifier.lease());
    assertThat(verifier.verify(login, right, null)).isInstanceOf(VerifyResult.Verified.class);
    assertThat(broker.published)
        .singleElement()
        .isInstanceOfSatisfying(
            OtpVerified.class, e -> assertThat(e.eventId()).isEqualTo(taken.verifiedEventId()));
    assertThat(store.find(login)).as("used once verified").isEmpty();
    assertThat(verifier.verify(login, right, null)).isInstanceOf(VerifyResult.Expired.class);
  }

  /**
   * The issue path marks the SMS handed over (a new version of the challenge) while the right
   * code's OtpVerified is being published: the code is deleted all the same, or given back when
   * Kafka fails.
   */
  @Test
  void aTakenCodeWrittenMeanwhileIsStillDeletedOrGivenBack() {
    broker.whilePublishing =
        e -> {
          var v = store.find(LOGIN).orElseThrow();
          store.replace(v, v.challenge().settled()).orElseThrow();
        };
    broker.down = true;
    assertThatThrownBy(() -> verifier.verify(LOGIN, code, null))
        .isInstanceOf(EventPublicationException.class);
    var back = store.find(LOGIN).orElseThrow().challenge();
    assertThat(back.verifyingUntil()).as("given back").isNull();
    assertThat(back.verifiedEventId()).isNotNull();

    broker.down = false;
    assertThat(verifier.verify(LOGIN, code, null)).isInstanceOf(VerifyResult.Verified.class);
    assertThat(store.find(LOGIN)).as("deleted, single use").isEmpty();
    assertThat(verifier.verify(LOGIN, code, null)).isInstanceOf(VerifyResult.Expired.class);
    assertThat(broker.published).singleElement().isInstanceOf(OtpVerified.class);
  }

  /**
   * The account is locked (by another login's wrong codes) while this login's right code waits for
   * Kafka: the lock skips it. When the code comes back (Kafka failed, or the instance died), the
   * lock ends the login then, with its own OtpLocked.
   */
  @Test
  void aTakenCodeThatComesBackDuringTheAccountsLockIsEndedByIt() {
    UUID accountLock = UUID.randomUUID();
    broker.whilePublishing =
        e -> {
          if (e instanceof OtpVerified) {
            lockAccount(clock.instant(), accountLock);
          }
        };
    broker.failing = e -> e instanceof OtpVerified;
    assertThatThrownBy(() -> verifier.verify(LOGIN, code, null))
        .isInstanceOf(EventPublicationException.class);

    var ended = store.find(LOGIN).orElseThrow().challenge();
    assertThat(ended.locked()).isTrue();
    assertThat(ended.accountLock()).isTrue();
    assertThat(ended.lockAnnounced()).isTrue();
    assertThat(broker.published)
        .singleElement()
        .isInstanceOfSatisfying(
            OtpLocked.class,
            e -> {
              assertThat(e.loginId()).isEqualTo(LOGIN);
              assertThat(e.reason()).isEqualTo(OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS);
              assertThat(e.eventId()).isEqualTo(ended.lockEventId());
            });
    assertThat(verifier.verify(LOGIN, code, null)).isInstanceOf(VerifyResult.AccountLocked.class);
    assertThat(broker.published).as("announced once").hasSize(1);
  }

  @Test
  void aCodeTakenByAnInstanceThatDiedDuringTheAccountsLockIsEndedByTheNextRequest() {
    MutableClock now = new MutableClock();
    OtpVerifier verifier = new OtpVerifier(policy, store, broker, now, new SimpleMeterRegistry());
    String login = "DDDDDDDDDDDDDDDDDDDDDD";
    var issue = issued(login, now.instant());
    broker.dies = true;
    assertThatThrownBy(() -> verifier.verify(login, issue.code(), null))
        .isInstanceOf(RecordingBroker.Died.class);
    broker.dies = false;
    // meanwhile the account was locked; the lock skipped the taken code
    lockAccount(now.instant(), UUID.randomUUID());

    now.advance(verifier.lease());
    assertThat(verifier.verify(login, issue.code(), null))
        .isInstanceOf(VerifyResult.AccountLocked.class);
    var ended = store.find(login).orElseThrow().challenge();
    assertThat(ended.locked()).isTrue();
    assertThat(ended.accountLock()).isTrue();
    assertThat(broker.published)
        .singleElement()
        .isInstanceOfSatisfying(
            OtpLocked.class,
            e -> {
              assertThat(e.loginId()).isEqualTo(login);
              assertThat(e.eventId()).isEqualTo(ended.lockEventId());
            });
  }

  /**
   * Request A took the code and stalled past its lease; request B took it again (the same event id,
   * a lease of its own) and is publishing when A's publication fails: A must not give B's take
   * back, or B's acknowledged verification would find its lease gone and leave the used code live.
   */
  @Test
  void aVerificationWhoseLeaseLapsedLeavesTheNextOnesTakeAlone() throws Exception {
    MutableClock now = new MutableClock();
    OtpVerifier verifier = new OtpVerifier(policy, store, broker, now, new SimpleMeterRegistry());
    String login = "EEEEEEEEEEEEEEEEEEEEEE";
    var issue = issued(login, now.instant());
    Thread requestA = Thread.currentThread();
    java.util.concurrent.CountDownLatch bPublishing = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch aDone = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<VerifyResult> b =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<Thread> requestB =
        new java.util.concurrent.atomic.AtomicReference<>();
    broker.whilePublishing =
        e -> {
          if (Thread.currentThread() == requestA) {
            // A stalls past its lease; B takes the code meanwhile and publishes
            now.advance(verifier.lease().plusSeconds(1));
            requestB.set(
                Thread.ofPlatform()
                    .daemon()
                    .start(() -> b.set(verifier.verify(login, issue.code(), null))));
            try {
              bPublishing.await();
            } catch (InterruptedException ex) {
              Thread.currentThread().interrupt();
            }
          } else {
            bPublishing.countDown();
            try {
              aDone.await(); // B's acknowledgement comes after A gave up
            } catch (InterruptedException ex) {
              Thread.currentThread().interrupt();
            }
          }
        };
    broker.failing = e -> Thread.currentThread() == requestA;

    assertThatThrownBy(() -> verifier.verify(login, issue.code(), null))
        .isInstanceOf(EventPublicationException.class);
    var during = store.find(login).orElseThrow().challenge();
    assertThat(during.verifyingAt(now.instant())).as("B's take is left alone").isTrue();
    aDone.countDown();
    requestB.get().join(10_000);

    assertThat(b.get()).isInstanceOf(VerifyResult.Verified.class);
    assertThat(store.find(login)).as("used: B deleted it").isEmpty();
    assertThat(verifier.verify(login, issue.code(), null)).isInstanceOf(VerifyResult.Expired.class);
  }

  @Test
  void theLeaseOutlastsThePublicationsOwnTimeout() {
    assertThat(verifier.lease()).isGreaterThan(broker.timeout().plusSeconds(5));
  }

  @Test
  void anUnacknowledgedOtpLockedIsRetriedByTheNextRequestWithTheSameEventId() {
    for (int i = 0; i < 4; i++) {
      assertThat(verifier.verify(LOGIN, wrong(), null)).isInstanceOf(VerifyResult.Invalid.class);
    }
    broker.down = true;
    assertThat(verifier.verify(LOGIN, wrong(), null))
        .as("the lock holds even when Kafka is down")
        .isInstanceOf(VerifyResult.Locked.class);
    var locked = store.find(LOGIN).orElseThrow().challenge();
    assertThat(locked.locked()).isTrue();
    assertThat(locked.lockAnnounced()).isFalse();

    broker.down = false;
    assertThat(verifier.verify(LOGIN, code, null)).isInstanceOf(VerifyResult.Locked.class);
    assertThat(broker.published)
        .singleElement()
        .isInstanceOfSatisfying(
            OtpLocked.class,
            e -> {
              assertThat(e.eventId()).isEqualTo(locked.lockEventId());
              assertThat(e.reason()).isEqualTo(OtpLocked.TOO_MANY_ATTEMPTS);
            });

    assertThat(verifier.verify(LOGIN, code, null)).isInstanceOf(VerifyResult.Locked.class);
    assertThat(broker.published).as("announced once").hasSize(1);
  }

  /** Burns {@code loginId} (which must exist) with five wrong codes; returns the last answer. */
  VerifyResult fiveWrong(String loginId) {
    VerifyResult last = null;
    for (int i = 0; i < 5; i++) {
      last = verifier.verify(loginId, wrong(), null);
    }
    return last;
  }

  String secondLogin() {
    String login2 = "BBBBBBBBBBBBBBBBBBBBBB";
    var issue =
        (IssueDecision.Issue)
            policy.issue(login2, user, "SMS", "+4915110000001", clock.instant(), clock.instant());
    store.insert(issue.challenge());
    return login2;
  }

  @Test
  void theAccountLockIsAnnouncedOnceAndAnswersEveryLoginOfTheAccount() {
    assertThat(fiveWrong(LOGIN)).isInstanceOf(VerifyResult.Locked.class);
    String login2 = secondLogin();
    assertThat(fiveWrong(login2))
        .as("the tenth wrong code of the account")
        .isEqualTo(new VerifyResult.AccountLocked(Duration.ofHours(1)));

    assertThat(broker.published)
        .extracting(e -> ((OtpLocked) e).reason())
        .containsExactly(OtpLocked.TOO_MANY_ATTEMPTS, OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS);
    OtpLocked accountLock = (OtpLocked) broker.published.get(1);
    assertThat(accountLock.loginId()).isEqualTo(login2);
    assertThat(accountLock.userId()).isEqualTo(user);

    assertThat(verifier.verify(LOGIN, code, null)).isInstanceOf(VerifyResult.AccountLocked.class);
    assertThat(verifier.verify(login2, wrong(), null))
        .isInstanceOf(VerifyResult.AccountLocked.class);
    assertThat(broker.published).as("each lock announced once").hasSize(2);
    assertThat(store.findAccount(user).strikes().failures())
        .as("nothing counted during the lock")
        .hasSize(10);
  }

  @Test
  void anUnacknowledgedAccountLockIsRetriedByTheNextRequestWithTheSameEventId() {
    fiveWrong(LOGIN);
    String login2 = secondLogin();
    for (int i = 0; i < 4; i++) {
      verifier.verify(login2, wrong(), null);
    }
    broker.down = true;
    assertThat(verifier.verify(login2, wrong(), null))
        .as("the lock holds even when Kafka is down")
        .isInstanceOf(VerifyResult.AccountLocked.class);
    var strikes = store.findAccount(user).strikes();
    assertThat(strikes.lockAnnounced()).isFalse();

    broker.down = false;
    assertThat(verifier.verify(LOGIN, code, null)).isInstanceOf(VerifyResult.AccountLocked.class);
    assertThat(verifier.verify(login2, code, null)).isInstanceOf(VerifyResult.AccountLocked.class);
    assertThat(broker.published)
        .filteredOn(e -> ((OtpLocked) e).reason().equals(OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS))
        .singleElement()
        .satisfies(e -> assertThat(e.eventId()).isEqualTo(strikes.lockEventId()));
  }

  String login(String loginId) {
    var issue =
        (IssueDecision.Issue)
            policy.issue(loginId, user, "SMS", "+4915110000001", clock.instant(), clock.instant());
    store.insert(issue.challenge());
    return loginId;
  }

  /**
   * The account lock ends every pending login of the account: each gets its own OtpLocked (reason
   * TOO_MANY_ACCOUNT_ATTEMPTS), not only the login whose code tripped it. One that Kafka does not
   * acknowledge is retried by the next request on that login, with the same event id.
   */
  @Test
  void theAccountLockEndsTheOtherPendingLoginsEachWithItsOwnOtpLocked() {
    List<String> logins =
        List.of(LOGIN, login("BBBBBBBBBBBBBBBBBBBBBB"), login("CCCCCCCCCCCCCCCC"));
    for (int i = 0; i < 9; i++) {
      assertThat(verifier.verify(logins.get(i % 3), wrong(), null))
          .isInstanceOf(VerifyResult.Invalid.class);
    }
    broker.failing = e -> ((OtpLocked) e).loginId().equals(logins.get(2));
    assertThat(verifier.verify(LOGIN, wrong(), null))
        .isInstanceOf(VerifyResult.AccountLocked.class);

    assertThat(broker.published)
        .extracting(e -> ((OtpLocked) e).loginId() + " " + ((OtpLocked) e).reason())
        .as("the third login's announcement was not acknowledged")
        .containsExactly(
            LOGIN + " " + OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS,
            logins.get(1) + " " + OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS);
    var third = store.find(logins.get(2)).orElseThrow().challenge();
    assertThat(third.locked()).isTrue();
    assertThat(third.lockAnnounced()).isFalse();

    broker.failing = e -> false;
    assertThat(verifier.verify(logins.get(2), code, null))
        .as("the right code of an ended login")
        .isInstanceOf(VerifyResult.AccountLocked.class);
    assertThat(verifier.verify(logins.get(1), code, null))
        .isInstanceOf(VerifyResult.AccountLocked.class);
    assertThat(broker.published).hasSize(3);
    assertThat(broker.published.get(2).eventId()).isEqualTo(third.lockEventId());
    assertThat(broker.published)
        .extracting(e -> ((OtpLocked) e).loginId())
        .containsExactlyElementsOf(logins);
    assertThat(broker.published).extracting(e -> e.eventId()).doesNotHaveDuplicates();
  }

  @Test
  void wrongCodesReportTheAttemptsLeft() {
    assertThat(verifier.verify(LOGIN, wrong(), null)).isEqualTo(new VerifyResult.Invalid(4));
    assertThat(verifier.verify(LOGIN, wrong(), null)).isEqualTo(new VerifyResult.Invalid(3));
    assertThat(broker.published).isEmpty();
  }
}
