package dev.passbridge.otp.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.contracts.events.ClientSignals;
import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SecondFactor;
import dev.passbridge.otp.RecordingBroker;
import dev.passbridge.otp.issue.OtpIssuer.Outcome;
import dev.passbridge.otp.policy.AccountStrikes;
import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.ChallengeStore.VersionedAccount;
import dev.passbridge.otp.policy.CodeGenerator;
import dev.passbridge.otp.policy.CodeHasher;
import dev.passbridge.otp.policy.InMemoryChallengeStore;
import dev.passbridge.otp.policy.IssueDecision;
import dev.passbridge.otp.policy.OtpChallenge;
import dev.passbridge.otp.policy.OtpLimits;
import dev.passbridge.otp.policy.OtpPolicy;
import dev.passbridge.otp.policy.VerifyDecision;
import dev.passbridge.otp.sms.SmsDeliveryException;
import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsProperties;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.SmsTexts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The issuer's decision per delivery of a {@code PasswordAuthenticated}: one SMS per event in the
 * normal case, none for a duplicate, and, after a delivery that stopped between the claim (or the
 * stored code) and the SMS, exactly one on the redelivery. A "crash" is an {@link Error} thrown
 * from the port at that point: the issuer withdraws nothing for it, like a SIGKILL.
 */
class OtpIssuerTest {
  static final String LOGIN = "AAAAAAAAAAAAAAAAAAAAAA";
  static final String PHONE = "+4915110000001";
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

  final Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
  final MovableClock clock = new MovableClock(t0.plusSeconds(1));
  final OtpPolicy policy = new OtpPolicy(OtpLimits.defaults(), new CodeGenerator(), hasher());
  final UUID user = UUID.randomUUID();
  final PasswordAuthenticated event = event(UUID.randomUUID());
  final InMemoryChallengeStore store = new InMemoryChallengeStore();
  final InMemoryClaims claims = new InMemoryClaims();
  final RecordingSender sms = new RecordingSender();
  final RecordingBroker broker = new RecordingBroker();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  static CodeHasher hasher() {
    return new CodeHasher(KEY);
  }

  PasswordAuthenticated event(UUID eventId) {
    return new PasswordAuthenticated(
        eventId,
        t0,
        user,
        LOGIN,
        "alice",
        "Alice",
        "aGFuZGxl",
        new SecondFactor(SecondFactor.SMS, PHONE),
        new ClientSignals(true, Map.of(), "Mozilla/5.0", Map.of()),
        Platform.unknown());
  }

  OtpIssuer issuer(ChallengeStore store, SmsSender sender) {
    // a hosted login's issue path publishes only the OtpLocked of a login withheld from a locked
    // account (Connect's relay is tested in OtpServiceIT against the real broker)
    return new OtpIssuer(policy, store, claims, sender, texts(), clock, meters, broker);
  }

  OtpIssuer issuer() {
    return issuer(store, sms);
  }

  OtpChallenge stored() {
    return store.find(LOGIN).orElseThrow().challenge();
  }

  boolean verifies(String code) {
    return policy.verify(stored(), code, clock.instant()) instanceof VerifyDecision.Accepted;
  }

  /** The state a delivery leaves when it dies right after storing the code (before the SMS). */
  void crashAfterStoringTheCode() {
    SmsSender dying =
        new SmsSender() {
          @Override
          public void send(SmsMessage message) {
            throw new Crash();
          }

          @Override
          public String name() {
            return "dying";
          }
        };
    assertThatThrownBy(() -> issuer(store, dying).issue(event)).isInstanceOf(Crash.class);
    assertThat(stored().pendingEventId()).isEqualTo(event.eventId());
    assertThat(claims.state(event.eventId())).isEqualTo(EventClaims.Claim.DONE);
  }

  @Test
  void aFirstDeliverySendsOneSmsWhoseCodeVerifiesAndOwesNothingAfterwards() {
    assertThat(issuer().issue(event)).isEqualTo(Outcome.SENT);

    assertThat(sms.sent).hasSize(1);
    assertThat(sms.sent.getFirst().to()).isEqualTo(PHONE);
    assertThat(verifies(sms.sent.getFirst().code())).isTrue();
    assertThat(stored().pendingEventId()).as("the SMS went out: nothing owed").isNull();
    assertThat(claims.state(event.eventId())).isEqualTo(EventClaims.Claim.DONE);
  }

  @Test
  void aDuplicateOfADeliveredEventSendsNothing() {
    OtpIssuer issuer = issuer();
    issuer.issue(event);
    OtpChallenge before = stored();

    assertThat(issuer.issue(event)).isEqualTo(Outcome.DUPLICATE);
    assertThat(issuer.issue(event)).isEqualTo(Outcome.DUPLICATE);

    assertThat(sms.sent).hasSize(1);
    assertThat(stored()).as("the code is not replaced").isEqualTo(before);
    assertThat(meters.get("passbridge.otp.issue").tag("outcome", "duplicate").timer().count())
        .isEqualTo(2);
  }

  @Test
  void aRedeliveryAfterACrashBetweenStoringAndSendingSendsOneFreshCode() {
    crashAfterStoringTheCode();
    OtpChallenge before = stored();
    clock.advance(Duration.ofMinutes(2));

    assertThat(issuer().issue(event)).isEqualTo(Outcome.RECOVERED);

    assertThat(sms.sent).hasSize(1);
    String code = sms.sent.getFirst().code();
    assertThat(verifies(code)).as("the sent code is the stored one").isTrue();
    OtpChallenge after = stored();
    assertThat(after.pendingEventId()).isNull();
    assertThat(after.expiresAt()).as("the login's promised expiry").isEqualTo(before.expiresAt());
    assertThat(after.resends()).as("not a resend").isZero();
    assertThat(after.sentAt()).as("the cooldown counts from this SMS").isEqualTo(clock.instant());
    assertThat(sms.sent.getFirst().text()).contains("expires in 3 minutes");

    assertThat(issuer().issue(event)).as("and then it is a duplicate").isEqualTo(Outcome.DUPLICATE);
    assertThat(sms.sent).hasSize(1);
    assertThat(verifies(code)).isTrue();
  }

  @Test
  void aRedeliveryAfterACrashBetweenTheClaimAndTheCodeSendsOneSms() {
    ChallengeStore dyingOnInsert =
        new DelegatingStore(store) {
          @Override
          public boolean insert(OtpChallenge challenge, VersionedAccount account) {
            throw new Crash();
          }
        };
    assertThatThrownBy(() -> issuer(dyingOnInsert, sms).issue(event)).isInstanceOf(Crash.class);
    assertThat(claims.state(event.eventId())).isEqualTo(EventClaims.Claim.UNFINISHED);
    assertThat(store.find(LOGIN)).isEmpty();

    assertThat(issuer().issue(event)).isEqualTo(Outcome.SENT);

    assertThat(sms.sent).hasSize(1);
    assertThat(verifies(sms.sent.getFirst().code())).isTrue();
    assertThat(issuer().issue(event)).isEqualTo(Outcome.DUPLICATE);
    assertThat(sms.sent).hasSize(1);
  }

  @Test
  void aRedeliveryAfterACrashBetweenStoringAndMarkingTheClaimSendsOneSms() {
    claims.crashOnDone = true;
    assertThatThrownBy(() -> issuer().issue(event)).isInstanceOf(Crash.class);
    claims.crashOnDone = false;
    assertThat(claims.state(event.eventId())).isEqualTo(EventClaims.Claim.UNFINISHED);
    assertThat(stored().pendingEventId()).isEqualTo(event.eventId());

    assertThat(issuer().issue(event)).isEqualTo(Outcome.RECOVERED);

    assertThat(sms.sent).hasSize(1);
    assertThat(verifies(sms.sent.getFirst().code())).isTrue();
    assertThat(claims.state(event.eventId())).isEqualTo(EventClaims.Claim.DONE);
  }

  @Test
  void anUnfinishedClaimOfASecondEventDoesNotReplaceTheLoginsCode() {
    issuer().issue(event);
    PasswordAuthenticated second = event(UUID.randomUUID());
    claims.states.put(second.eventId(), EventClaims.Claim.UNFINISHED);

    assertThat(issuer().issue(second)).isEqualTo(Outcome.ALREADY_ISSUED);

    assertThat(sms.sent).hasSize(1);
    assertThat(verifies(sms.sent.getFirst().code())).isTrue();
    assertThat(claims.state(second.eventId())).isEqualTo(EventClaims.Claim.DONE);
  }

  @Test
  void aCodeStillOwedToAnotherEventIsNotSentForThisOne() {
    crashAfterStoringTheCode();
    PasswordAuthenticated second = event(UUID.randomUUID());

    assertThat(issuer().issue(second)).isEqualTo(Outcome.ALREADY_ISSUED);

    assertThat(sms.sent).isEmpty();
    assertThat(stored().pendingEventId()).isEqualTo(event.eventId());
  }

  @Test
  void aReplayAfterTheCodeWasUsedSendsNothing() {
    issuer().issue(event);
    store.remove(store.find(LOGIN).orElseThrow()); // verified: the code is deleted

    assertThat(issuer().issue(event)).isEqualTo(Outcome.DUPLICATE);

    assertThat(sms.sent).hasSize(1);
    assertThat(store.find(LOGIN)).as("no new code").isEmpty();
  }

  @Test
  void anOwedCodeThatHasExpiredIsNotSent() {
    crashAfterStoringTheCode();
    clock.advance(Duration.ofMinutes(5));

    assertThat(issuer().issue(event)).isEqualTo(Outcome.STALE);

    assertThat(sms.sent).isEmpty();
  }

  @Test
  void anOwedCodeOfALockedLoginIsNotSent() {
    crashAfterStoringTheCode();
    var current = store.find(LOGIN).orElseThrow();
    for (int i = 0; i < 5; i++) {
      var decision = policy.verify(current.challenge(), "000000", clock.instant());
      current =
          store
              .replace(
                  current,
                  switch (decision) {
                    case VerifyDecision.Rejected r -> r.next();
                    case VerifyDecision.LockedNow l -> l.next();
                    default -> throw new AssertionError(decision);
                  })
              .orElseThrow();
    }
    assertThat(stored().locked()).isTrue();

    assertThat(issuer().issue(event)).isEqualTo(Outcome.DUPLICATE);

    assertThat(sms.sent).isEmpty();
  }

  @Test
  void anOwedCodeIsWithheldWhenTheAccountLockedMeanwhile() {
    crashAfterStoringTheCode();
    store.replaceAccount(
        store.findAccount(user),
        new AccountStrikes(
            user, List.of(t0), t0.plus(Duration.ofHours(1)), UUID.randomUUID(), LOGIN, true));

    assertThat(issuer().issue(event)).isEqualTo(Outcome.ACCOUNT_LOCKED);

    assertThat(sms.sent).isEmpty();
    assertThat(stored().pendingEventId()).as("withheld: owes nothing any more").isNull();
    assertThat(stored().accountLock()).as("and its login ends").isTrue();
    assertThat(broker.published)
        .singleElement()
        .isInstanceOfSatisfying(
            OtpLocked.class,
            e -> {
              assertThat(e.loginId()).isEqualTo(LOGIN);
              assertThat(e.reason()).isEqualTo(OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS);
              assertThat(e.eventId()).isEqualTo(OtpPolicy.withheldLockEventId(event.eventId()));
            });
    assertThat(issuer().issue(event)).isEqualTo(Outcome.DUPLICATE);
    assertThat(sms.sent).isEmpty();
    assertThat(broker.published).as("announced once").hasSize(1);
  }

  @Test
  void aLoginDuringAnAccountLockStoresAnUnsentCodeThatNoRedeliverySends() {
    store.replaceAccount(
        store.findAccount(user),
        new AccountStrikes(
            user, List.of(t0), t0.plus(Duration.ofHours(1)), UUID.randomUUID(), "other", true));

    assertThat(issuer().issue(event)).isEqualTo(Outcome.ACCOUNT_LOCKED);
    assertThat(stored().pendingEventId()).isNull();
    clock.advance(Duration.ofMinutes(1)); // the code is still valid; the lock still holds

    assertThat(issuer().issue(event)).isEqualTo(Outcome.DUPLICATE);
    assertThat(sms.sent).isEmpty();
  }

  /**
   * A login issued while the account is locked must not wait for a code that never comes: its code
   * is locked by the account and OtpLocked ends it. If Kafka does not acknowledge, the delivery
   * fails and is retried like an unsent SMS, and the retry publishes the same event.
   */
  @Test
  void aLoginDuringAnAccountLockIsEndedWithOtpLockedAlsoAfterAKafkaFailure() {
    store.replaceAccount(
        store.findAccount(user),
        new AccountStrikes(
            user, List.of(t0), t0.plus(Duration.ofHours(1)), UUID.randomUUID(), "other", true));
    broker.down = true;

    assertThatThrownBy(() -> issuer().issue(event)).isInstanceOf(IllegalStateException.class);
    assertThat(store.find(LOGIN)).as("withdrawn, like a code whose SMS failed").isEmpty();
    assertThat(broker.published).isEmpty();

    broker.down = false;
    assertThat(issuer().issue(event)).isEqualTo(Outcome.ACCOUNT_LOCKED);
    assertThat(stored().locked()).isTrue();
    assertThat(stored().lockAnnounced()).isTrue();
    assertThat(broker.published)
        .singleElement()
        .isInstanceOfSatisfying(
            OtpLocked.class,
            e -> {
              assertThat(e.eventId()).isEqualTo(OtpPolicy.withheldLockEventId(event.eventId()));
              assertThat(e.reason()).isEqualTo(OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS);
              assertThat(e.userId()).isEqualTo(user);
            });
    assertThat(sms.sent).isEmpty();
  }

  /**
   * The account is locked between the issuer's read of it and the insert of the new login's code
   * (another login's wrong code reached the limit). That lock locks only the logins it finds, and
   * this one was not stored yet: with an insert that checked the login alone, its code stayed
   * usable and its SMS went out during the lock. The insert checks the account's version too, so it
   * fails, the next round reads the lock, and the code is withheld.
   */
  @Test
  void anAccountLockedBetweenTheReadAndTheInsertWithholdsTheCode() {
    ChallengeStore lockedInBetween =
        new DelegatingStore(store) {
          boolean raced;

          @Override
          public VersionedAccount findAccount(UUID userId) {
            VersionedAccount read = inner.findAccount(userId);
            if (!raced) {
              raced = true;
              inner.replaceAccount(
                  read,
                  new AccountStrikes(
                      user,
                      List.of(t0),
                      t0.plus(Duration.ofHours(1)),
                      UUID.randomUUID(),
                      "other",
                      true));
            }
            return read;
          }
        };

    assertThat(issuer(lockedInBetween, sms).issue(event)).isEqualTo(Outcome.ACCOUNT_LOCKED);

    assertThat(sms.sent).isEmpty();
    assertThat(stored().accountLock()).isTrue();
    assertThat(stored().pendingEventId()).isNull();
    assertThat(broker.published)
        .singleElement()
        .isInstanceOfSatisfying(
            OtpLocked.class,
            e -> assertThat(e.reason()).isEqualTo(OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS));
  }

  /** An account that only changed (a wrong code elsewhere) in between: the code still goes out. */
  @Test
  void anAccountChangedButNotLockedBetweenTheReadAndTheInsertStillGetsItsSms() {
    ChallengeStore changedInBetween =
        new DelegatingStore(store) {
          boolean raced;

          @Override
          public VersionedAccount findAccount(UUID userId) {
            VersionedAccount read = inner.findAccount(userId);
            if (!raced) {
              raced = true;
              inner.replaceAccount(
                  read, new AccountStrikes(user, List.of(t0), null, null, null, false));
            }
            return read;
          }
        };

    assertThat(issuer(changedInBetween, sms).issue(event)).isEqualTo(Outcome.SENT);
    assertThat(sms.sent).hasSize(1);
    assertThat(verifies(sms.sent.getFirst().code())).isTrue();
  }

  /** A crash between the withheld code and its OtpLocked: the redelivery announces it. */
  @Test
  void aRedeliveryAnnouncesTheLockOfAWithheldLoginThatACrashLeftUnannounced() {
    store.replaceAccount(
        store.findAccount(user),
        new AccountStrikes(
            user, List.of(t0), t0.plus(Duration.ofHours(1)), UUID.randomUUID(), "other", true));
    var issue =
        (IssueDecision.Issue)
            policy.issue(
                LOGIN, user, SecondFactor.SMS, PHONE, t0, event.eventId(), clock.instant());
    store.insert(policy.withheld(issue.challenge(), event.eventId()));
    claims.claim(event.eventId());
    claims.done(event.eventId());

    assertThat(issuer().issue(event)).isEqualTo(Outcome.DUPLICATE);
    assertThat(broker.published)
        .singleElement()
        .isInstanceOfSatisfying(
            OtpLocked.class,
            e -> assertThat(e.eventId()).isEqualTo(OtpPolicy.withheldLockEventId(event.eventId())));
    assertThat(issuer().issue(event)).isEqualTo(Outcome.DUPLICATE);
    assertThat(broker.published).as("announced once").hasSize(1);
    assertThat(sms.sent).isEmpty();
  }

  @Test
  void aNumberTheProviderCannotReachIsNotRetriedByARedelivery() {
    List<SmsMessage> tried = new ArrayList<>();
    SmsSender refusing =
        new SmsSender() {
          @Override
          public void send(SmsMessage message) {
            tried.add(message);
            throw new SmsDeliveryException(
                "the recipient cannot get the SMS", SmsDeliveryException.Reason.RECIPIENT, null);
          }

          @Override
          public String name() {
            return "refusing";
          }
        };

    assertThat(issuer(store, refusing).issue(event)).isEqualTo(Outcome.RECIPIENT_REJECTED);
    assertThat(stored().pendingEventId()).as("the claim and the unsent code stay").isNull();
    assertThat(claims.state(event.eventId())).isEqualTo(EventClaims.Claim.DONE);

    assertThat(issuer(store, refusing).issue(event)).isEqualTo(Outcome.DUPLICATE);
    assertThat(tried).hasSize(1);
  }

  @Test
  void aTransientFailureWithdrawsTheClaimAndTheCodeSoTheRetrySends() {
    SmsSender down =
        new SmsSender() {
          @Override
          public void send(SmsMessage message) {
            throw new SmsDeliveryException(
                "timeout", SmsDeliveryException.Reason.UNAVAILABLE, null);
          }

          @Override
          public String name() {
            return "down";
          }
        };
    assertThatThrownBy(() -> issuer(store, down).issue(event))
        .isInstanceOf(SmsDeliveryException.class);
    assertThat(store.find(LOGIN)).isEmpty();
    assertThat(claims.state(event.eventId())).isNull();

    assertThat(issuer().issue(event)).isEqualTo(Outcome.SENT);
    assertThat(sms.sent).hasSize(1);
  }

  @Test
  void aTransientFailureOfTheOwedSmsLeavesItOwedForTheRetry() {
    crashAfterStoringTheCode();
    SmsSender down =
        new SmsSender() {
          @Override
          public void send(SmsMessage message) {
            throw new SmsDeliveryException(
                "timeout", SmsDeliveryException.Reason.UNAVAILABLE, null);
          }

          @Override
          public String name() {
            return "down";
          }
        };
    assertThatThrownBy(() -> issuer(store, down).issue(event))
        .isInstanceOf(SmsDeliveryException.class);
    assertThat(stored().pendingEventId()).isEqualTo(event.eventId());

    assertThat(issuer().issue(event)).isEqualTo(Outcome.RECOVERED);
    assertThat(sms.sent).hasSize(1);
    assertThat(verifies(sms.sent.getFirst().code())).isTrue();
  }

  @Test
  void aResendTakesOverTheOwedSms() {
    crashAfterStoringTheCode();
    clock.advance(Duration.ofSeconds(30));
    var current = store.find(LOGIN).orElseThrow();
    var reissue =
        (dev.passbridge.otp.policy.ResendDecision.Reissue)
            policy.resend(current.challenge(), clock.instant());
    store.replace(current, reissue.next()).orElseThrow();

    assertThat(issuer().issue(event)).isEqualTo(Outcome.DUPLICATE);
    assertThat(sms.sent).isEmpty();
    assertThat(verifies(reissue.code())).as("the resent code stays valid").isTrue();
  }

  @Test
  void aStaleFirstDeliverySendsNothing() {
    clock.advance(Duration.ofMinutes(6));

    assertThat(issuer().issue(event)).isEqualTo(Outcome.STALE);

    assertThat(sms.sent).isEmpty();
    assertThat(store.find(LOGIN)).isEmpty();
  }

  @Test
  void theIssuePolicyMarksTheCodeAsOwedToItsEvent() {
    UUID eventId = UUID.randomUUID();
    var issue = (IssueDecision.Issue) policy.issue(LOGIN, user, "SMS", PHONE, t0, eventId, t0);
    assertThat(issue.challenge().pendingEventId()).isEqualTo(eventId);
    assertThat(issue.challenge().settled().pendingEventId()).isNull();
  }

  /** A SIGKILL at that point: not a {@link RuntimeException}, so nothing is withdrawn. */
  static final class Crash extends Error {}

  static final class RecordingSender implements SmsSender {
    final List<SmsMessage> sent = new ArrayList<>();

    @Override
    public void send(SmsMessage message) {
      sent.add(message);
    }

    @Override
    public String name() {
      return "test";
    }
  }

  /** The claim states as the Redis adapter keeps them. */
  static final class InMemoryClaims implements EventClaims {
    final Map<UUID, Claim> states = new HashMap<>();
    boolean crashOnDone;

    Claim state(UUID eventId) {
      return states.get(eventId);
    }

    @Override
    public Claim claim(UUID eventId) {
      Claim before = states.putIfAbsent(eventId, Claim.UNFINISHED);
      return before == null ? Claim.FIRST : before;
    }

    @Override
    public void done(UUID eventId) {
      if (crashOnDone) {
        throw new Crash();
      }
      states.computeIfPresent(eventId, (k, v) -> Claim.DONE);
    }

    @Override
    public void forget(UUID eventId) {
      states.remove(eventId);
    }
  }

  static class DelegatingStore implements ChallengeStore {
    final ChallengeStore inner;

    DelegatingStore(ChallengeStore inner) {
      this.inner = inner;
    }

    @Override
    public Optional<Versioned> find(String loginId) {
      return inner.find(loginId);
    }

    @Override
    public boolean insert(OtpChallenge challenge) {
      return inner.insert(challenge);
    }

    @Override
    public boolean insert(OtpChallenge challenge, VersionedAccount account) {
      return inner.insert(challenge, account);
    }

    @Override
    public Optional<Versioned> replace(Versioned current, OtpChallenge next) {
      return inner.replace(current, next);
    }

    @Override
    public boolean remove(Versioned current) {
      return inner.remove(current);
    }

    @Override
    public VersionedAccount findAccount(UUID userId) {
      return inner.findAccount(userId);
    }

    @Override
    public Optional<Committed> commit(
        Versioned current,
        OtpChallenge next,
        VersionedAccount account,
        AccountStrikes nextAccount) {
      return inner.commit(current, next, account, nextAccount);
    }

    @Override
    public Optional<VersionedAccount> replaceAccount(
        VersionedAccount current, AccountStrikes next) {
      return inner.replaceAccount(current, next);
    }
  }

  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  static SmsTexts texts() {
    return new SmsTexts(
        new SmsProperties(
            SmsProperties.Sender.OUTBOX,
            "Your Passbridge code is {code}. It expires in {minutes} minutes.",
            null,
            Duration.ofMinutes(15),
            new SmsProperties.ProviderProperties(
                null,
                null,
                null,
                "Passbridge",
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                3,
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                50,
                20,
                10,
                Duration.ofSeconds(30),
                2)));
  }
}
