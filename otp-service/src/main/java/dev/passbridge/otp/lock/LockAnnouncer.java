package dev.passbridge.otp.lock;

import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.otp.policy.AccountStrikes;
import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.ChallengeStore.Versioned;
import dev.passbridge.otp.policy.ChallengeStore.VersionedAccount;
import dev.passbridge.otp.policy.OtpChallenge;
import dev.passbridge.platform.kafka.EventPublicationException;
import dev.passbridge.platform.kafka.EventPublisher;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code OtpLocked} once per lock: the request that wins a compare-and-set on the lock's
 * {@code lockAnnounced} flag publishes, concurrent ones see the flag and skip. If Kafka does not
 * acknowledge, the flag is reset, so the next attempt (the next request on the login or account, or
 * the event's redelivery) publishes again with the same event id; the lock itself holds in Redis
 * either way.
 */
public class LockAnnouncer {
  private static final Logger log = LoggerFactory.getLogger(LockAnnouncer.class);

  private final ChallengeStore store;
  private final EventPublisher events;
  private final Clock clock;

  public LockAnnouncer(ChallengeStore store, EventPublisher events, Clock clock) {
    this.store = store;
    this.events = events;
    this.clock = clock;
  }

  /**
   * A login's lock: reason {@code TOO_MANY_ACCOUNT_ATTEMPTS} when the account's lock put it there
   * ({@link OtpChallenge#accountLock()}), else {@code TOO_MANY_ATTEMPTS}.
   *
   * @return false if Kafka did not acknowledge (the flag is reset); true when announced now,
   *     before, by a concurrent request, or when there is no lock to announce
   */
  public boolean announce(Versioned locked) {
    OtpChallenge c = locked.challenge();
    if (!c.locked() || c.lockAnnounced()) {
      return true;
    }
    var claimed = store.replace(locked, c.withLockAnnounced());
    if (claimed.isEmpty()) {
      return true; // another request is announcing it
    }
    String reason =
        c.accountLock() ? OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS : OtpLocked.TOO_MANY_ATTEMPTS;
    try {
      events.publishAndWait(
          new OtpLocked(c.lockEventId(), clock.instant(), c.userId(), c.loginId(), reason));
    } catch (EventPublicationException e) {
      store.replace(claimed.get(), c);
      log.atWarn()
          .addKeyValue("loginId", c.loginId())
          .addKeyValue("reason", reason)
          .log(
              "OtpLocked for login {} not acknowledged by Kafka; retried on the next attempt",
              c.loginId());
      return false;
    }
    return true;
  }

  /**
   * The account's lock, announced for the login whose wrong code caused it ({@code
   * TOO_MANY_ACCOUNT_ATTEMPTS}); the account's other logins that it ended are announced each with
   * {@link #announce}.
   *
   * @return false if Kafka did not acknowledge (the flag is reset)
   */
  public boolean announceAccount(VersionedAccount locked) {
    AccountStrikes a = locked.strikes();
    if (a.lockedUntil() == null || a.lockAnnounced()) {
      return true;
    }
    var claimed = store.replaceAccount(locked, a.withLockAnnounced());
    if (claimed.isEmpty()) {
      return true; // another request is announcing it
    }
    try {
      events.publishAndWait(
          new OtpLocked(
              a.lockEventId(),
              clock.instant(),
              a.userId(),
              a.lockLoginId(),
              OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS));
    } catch (EventPublicationException e) {
      store.replaceAccount(claimed.get(), a);
      log.atWarn()
          .addKeyValue("userId", a.userId())
          .addKeyValue("loginId", a.lockLoginId())
          .log(
              "OtpLocked for the account of login {} not acknowledged by Kafka; retried on the next"
                  + " request",
              a.lockLoginId());
      return false;
    }
    return true;
  }
}
