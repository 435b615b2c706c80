package dev.passbridge.otp.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The wrong codes of one account (userId) across all its logins, and the account's code lock. A
 * login locks after a few wrong codes, but a new password login starts a new one; this state is
 * what stops someone who knows the password from guessing on without end.
 *
 * @param userId the account
 * @param failures when wrong codes were entered, oldest first; only the newest {@code
 *     accountMaxFailures} inside the window are kept
 * @param lockedUntil end of the current (or last) account lock; null if the account was never
 *     locked while this state lived
 * @param lockEventId the {@code OtpLocked} event id of that lock, fixed when it happened
 * @param lockLoginId the login whose wrong code caused the lock (the event's loginId)
 * @param lockAnnounced {@code OtpLocked} for that lock was acknowledged by Kafka
 */
public record AccountStrikes(
    UUID userId,
    List<Instant> failures,
    Instant lockedUntil,
    UUID lockEventId,
    String lockLoginId,
    boolean lockAnnounced) {

  public AccountStrikes {
    Objects.requireNonNull(userId, "userId");
    failures = List.copyOf(failures);
    if (lockedUntil != null && (lockEventId == null || lockLoginId == null)) {
      throw new IllegalArgumentException("a lock needs its event id and login id");
    }
  }

  /** An account without wrong codes and without a lock. */
  public static AccountStrikes none(UUID userId) {
    return new AccountStrikes(userId, List.of(), null, null, null, false);
  }

  /** Whether the account's code entry is locked at {@code now}. */
  public boolean lockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }

  /**
   * Whether storing this state over {@code before} starts a new lock (a new lock event), which ends
   * the account's other logins.
   */
  public boolean locksAnew(AccountStrikes before) {
    return lockEventId != null && !lockEventId.equals(before.lockEventId());
  }

  /** Nothing worth storing: no wrong codes and no lock. */
  public boolean isEmpty() {
    return failures.isEmpty() && lockedUntil == null;
  }

  /** The lock was announced on Kafka. */
  public AccountStrikes withLockAnnounced() {
    return new AccountStrikes(userId, failures, lockedUntil, lockEventId, lockLoginId, true);
  }

  AccountStrikes withFailures(List<Instant> newFailures) {
    return new AccountStrikes(
        userId, newFailures, lockedUntil, lockEventId, lockLoginId, lockAnnounced);
  }

  AccountStrikes lockedNow(List<Instant> newFailures, Instant until, UUID eventId, String loginId) {
    return new AccountStrikes(userId, newFailures, until, eventId, loginId, false);
  }
}
