package dev.passbridge.otp.verify;

import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.otp.lock.LockAnnouncer;
import dev.passbridge.otp.policy.AccountStrikes;
import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.ChallengeStore.Versioned;
import dev.passbridge.otp.policy.ChallengeStore.VersionedAccount;
import dev.passbridge.otp.policy.OtpChallenge;
import dev.passbridge.otp.policy.OtpPolicy;
import dev.passbridge.otp.policy.VerifyDecision;
import dev.passbridge.platform.kafka.EventPublicationException;
import dev.passbridge.platform.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/otp/verify}: read the login's challenge, let the policy decide, and store the
 * decision with a compare-and-set; when another request changed the challenge in between, read and
 * decide again. So two right codes at once verify once, and wrong codes at once all count.
 *
 * <p>The right code takes the challenge ({@link OtpChallenge#verifying}: other requests are told to
 * retry shortly, nothing else can change it), then {@code OtpVerified} is published, and the
 * challenge is deleted (single use) once Kafka acknowledged; only then the answer is 204. If Kafka
 * does not acknowledge, the challenge is given back (remembering the event id, so a retry publishes
 * the same event) and the request fails with 503: the user can submit the same code again. If the
 * instance dies in between, the code is live again once the lease ({@link #lease}: the publication
 * timeout and a margin) has passed, with the same event id, instead of the login being lost with
 * its code; a consumer that got the event already treats the repeat as the same fact.
 */
public class OtpVerifier {
  private static final Logger log = LoggerFactory.getLogger(OtpVerifier.class);
  private static final int MAX_ROUNDS = 16;

  private final OtpPolicy policy;
  private final ChallengeStore store;
  private final EventPublisher events;
  private final LockAnnouncer locks;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Duration lease;

  public OtpVerifier(
      OtpPolicy policy,
      ChallengeStore store,
      EventPublisher events,
      Clock clock,
      MeterRegistry meters) {
    this.policy = policy;
    this.store = store;
    this.events = events;
    this.locks = new LockAnnouncer(store, events, clock);
    this.clock = clock;
    this.meters = meters;
    this.lease = events.timeout().plus(LEASE_MARGIN);
  }

  /** Beyond the publication's own timeout: pauses, and the Redis writes around it. */
  static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

  /** How long a taken code waits for its request's publication before it is live again. */
  Duration lease() {
    return lease;
  }

  /**
   * @param binding the digest of the browser binding the request presented ({@code
   *     LoginBinding.digest} of its {@code pb_login} cookie), or null
   */
  public VerifyResult verify(String loginId, String code, String binding) {
    Timer.Sample sample = Timer.start(meters);
    VerifyResult result = decide(loginId, code, binding);
    sample.stop(
        meters.timer(
            "passbridge.otp.verify", "outcome", result.getClass().getSimpleName().toLowerCase()));
    return result;
  }

  private VerifyResult decide(String loginId, String code, String binding) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Versioned current = store.find(loginId).orElse(null);
      if (current == null) {
        return new VerifyResult.Expired();
      }
      VersionedAccount account = store.findAccount(current.challenge().userId());
      VerifyDecision decision =
          policy.verify(current.challenge(), account.strikes(), code, binding, clock.instant());
      switch (decision) {
        case VerifyDecision.Expired e -> {
          return new VerifyResult.Expired();
        }
        case VerifyDecision.InProgress inProgress -> {
          return new VerifyResult.InProgress(inProgress.retryAfter());
        }
        case VerifyDecision.NotYours n -> {
          log.atInfo()
              .addKeyValue("loginId", loginId)
              .addKeyValue("bindingPresented", binding != null)
              .log("code for login {} entered outside its browser; refused", loginId);
          return new VerifyResult.NotYours();
        }
        case VerifyDecision.AccountLocked locked -> {
          // retries what a Kafka failure left unannounced: the account's lock, and this login's
          // own lock (the one the account's lock put on it, or an earlier one)
          locks.announceAccount(account);
          locks.announce(current);
          return new VerifyResult.AccountLocked(locked.retryAfter());
        }
        case VerifyDecision.Locked locked -> {
          locks.announce(current);
          return new VerifyResult.Locked();
        }
        case VerifyDecision.Rejected rejected -> {
          if (store.commit(current, rejected.next(), account, rejected.account()).isPresent()) {
            log.atInfo()
                .addKeyValue("loginId", loginId)
                .addKeyValue("userId", rejected.next().userId())
                .addKeyValue("attemptsLeft", rejected.attemptsLeft())
                .addKeyValue("accountFailures", rejected.account().failures().size())
                .log(
                    "wrong OTP for login {}, {} attempt(s) left", loginId, rejected.attemptsLeft());
            return new VerifyResult.Invalid(rejected.attemptsLeft());
          }
        }
        case VerifyDecision.LockedNow lockedNow -> {
          var stored = store.commit(current, lockedNow.next(), account, lockedNow.account());
          if (stored.isPresent()) {
            log.atWarn()
                .addKeyValue("loginId", loginId)
                .addKeyValue("userId", lockedNow.next().userId())
                .addKeyValue("accountFailures", lockedNow.account().failures().size())
                .log("OTP of login {} locked after too many wrong codes", loginId);
            locks.announce(stored.get().challenge());
            return new VerifyResult.Locked();
          }
        }
        case VerifyDecision.AccountLockedNow lockedNow -> {
          var stored = store.commit(current, lockedNow.next(), account, lockedNow.account());
          if (stored.isPresent()) {
            AccountStrikes strikes = lockedNow.account();
            List<String> others = stored.get().othersLocked();
            log.atWarn()
                .addKeyValue("loginId", loginId)
                .addKeyValue("userId", strikes.userId())
                .addKeyValue("accountFailures", strikes.failures().size())
                .addKeyValue("lockedUntil", strikes.lockedUntil())
                .addKeyValue("otherLoginsEnded", others.size())
                .log(
                    "OTP entry of user {} locked until {} after {} wrong codes across logins; {}"
                        + " other pending login(s) ended",
                    strikes.userId(),
                    strikes.lockedUntil(),
                    strikes.failures().size(),
                    others.size());
            locks.announceAccount(stored.get().account());
            // every other login with a live code was locked with the account: each gets its own
            // OtpLocked, so auth-service ends it at once instead of letting it wait for a code
            // that can no longer be used
            for (String other : others) {
              store.find(other).ifPresent(locks::announce);
            }
            return new VerifyResult.AccountLocked(
                Duration.between(clock.instant(), strikes.lockedUntil()));
          }
        }
        case VerifyDecision.Accepted accepted -> {
          OtpChallenge taken =
              accepted.challenge().verifying(accepted.eventId(), clock.instant().plus(lease));
          var stored = store.commit(current, taken, account, accepted.account());
          if (stored.isPresent()) {
            publishVerified(stored.get().challenge(), accepted);
            return new VerifyResult.Verified();
          }
        }
      }
      // somebody else changed the challenge or the account between our read and our write: decide
      // again
    }
    throw new IllegalStateException("OTP state of login " + loginId + " keeps changing");
  }

  private void publishVerified(Versioned taken, VerifyDecision.Accepted accepted) {
    OtpChallenge c = accepted.challenge();
    try {
      events.publishAndWait(
          new OtpVerified(
              accepted.eventId(), clock.instant(), c.userId(), c.loginId(), c.channel()));
    } catch (EventPublicationException e) {
      // give the code back so the user can retry; the retry reuses the event id
      boolean restored = store.replace(taken, taken.challenge().verificationUndone()).isPresent();
      log.atWarn()
          .addKeyValue("loginId", c.loginId())
          .addKeyValue("restored", restored)
          .log(
              "OtpVerified of login {} not acknowledged by Kafka; code restored: {}",
              c.loginId(),
              restored);
      throw e;
    }
    if (!store.remove(taken)) {
      // nothing but its expiry changes a taken code; it is gone already (expired), and either way
      // it cannot be used again before its lease ends, when its code has long been verified
      log.atInfo()
          .addKeyValue("loginId", c.loginId())
          .log("the verified code of login {} was gone before its deletion", c.loginId());
    }
    log.atInfo()
        .addKeyValue("loginId", c.loginId())
        .addKeyValue("userId", c.userId())
        .addKeyValue("eventId", accepted.eventId())
        .log("OTP of login {} verified", c.loginId());
  }
}
