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
import java.util.Objects;
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
          Versioned own = current;
          if (!current.challenge().locked() && current.challenge().verifiedEventId() != null) {
            // its right code was being verified when the account was locked (the lock skipped it)
            // and came back (Kafka failed, or the instance died): the lock ends this login now
            own =
                store
                    .replace(
                        current, policy.endedByAccountLock(current.challenge(), account.strikes()))
                    .orElse(null);
            if (own == null) {
              break; // changed meanwhile: decide again
            }
          }
          locks.announce(own);
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

  /**
   * Whether {@code v} is still the challenge {@code taken} by this verification (the issue path may
   * have written it meanwhile, settling its SMS: a new version of the same taken code). The lease
   * tells two verifications apart: one that took the code again after this one's lease lapsed
   * reuses the event id but writes its own lease, and this one must then leave it alone.
   */
  private static boolean takenBy(Versioned v, Versioned taken) {
    // compared in milliseconds: what Redis keeps of an instant
    return v.challenge().verifyingUntil() != null
        && v.challenge().verifyingUntil().toEpochMilli()
            == taken.challenge().verifyingUntil().toEpochMilli()
        && Objects.equals(v.challenge().verifiedEventId(), taken.challenge().verifiedEventId());
  }

  /** Deletes the taken challenge, re-reading while another writer changed it meanwhile. */
  private void deleteTaken(Versioned taken) {
    Versioned v = taken;
    for (int round = 0; round < MAX_ROUNDS && v != null; round++) {
      if (store.remove(v)) {
        return;
      }
      v = store.find(v.challenge().loginId()).filter(x -> takenBy(x, taken)).orElse(null);
    }
  }

  /**
   * Gives the taken challenge back (its lease cleared, the event id kept), re-reading while another
   * writer changed it meanwhile; if the account was locked in between (its lock skipped this code),
   * the lock ends the login instead, and is announced. False when it is gone.
   */
  private boolean giveBack(Versioned taken) {
    Versioned v = taken;
    for (int round = 0; round < MAX_ROUNDS && v != null; round++) {
      VersionedAccount account = store.findAccount(v.challenge().userId());
      boolean accountLocked = account.strikes().lockedAt(clock.instant());
      OtpChallenge back =
          accountLocked
              ? policy.endedByAccountLock(v.challenge(), account.strikes())
              : v.challenge().verificationUndone();
      var stored = store.replace(v, back);
      if (stored.isPresent()) {
        if (accountLocked) {
          locks.announce(stored.get());
        }
        return true;
      }
      v = store.find(v.challenge().loginId()).filter(x -> takenBy(x, taken)).orElse(null);
    }
    return false;
  }

  private void publishVerified(Versioned taken, VerifyDecision.Accepted accepted) {
    OtpChallenge c = accepted.challenge();
    try {
      events.publishAndWait(
          new OtpVerified(
              accepted.eventId(), clock.instant(), c.userId(), c.loginId(), c.channel()));
    } catch (EventPublicationException e) {
      // give the code back so the user can retry; the retry reuses the event id
      boolean restored = giveBack(taken);
      log.atWarn()
          .addKeyValue("loginId", c.loginId())
          .addKeyValue("restored", restored)
          .log(
              "OtpVerified of login {} not acknowledged by Kafka; code restored: {}",
              c.loginId(),
              restored);
      throw e;
    }
    try {
      deleteTaken(taken);
    } catch (RuntimeException e) {
      // the login is verified (Kafka has the event): say so. The code stays taken until its lease
      // ends; entered again after that, it verifies again with the same event id
      log.atWarn()
          .addKeyValue("loginId", c.loginId())
          .log("the verified code of login {} could not be deleted: {}", c.loginId(), e.toString());
    }
    log.atInfo()
        .addKeyValue("loginId", c.loginId())
        .addKeyValue("userId", c.userId())
        .addKeyValue("eventId", accepted.eventId())
        .log("OTP of login {} verified", c.loginId());
  }
}
