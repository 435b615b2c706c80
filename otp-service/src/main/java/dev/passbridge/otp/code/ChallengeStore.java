package dev.passbridge.otp.code;

import java.util.Optional;

/**
 * Where challenges live (Redis in production). Every write is a compare-and-set on the version that
 * was read, so concurrent requests on one login (on any instance) cannot both consume a code or
 * lose an attempt: the loser re-reads and decides again.
 */
public interface ChallengeStore {

  Optional<Versioned> find(String loginId);

  /** Stores a new challenge unless the login already has one. */
  boolean insert(OtpChallenge challenge);

  /** Replaces {@code current} with {@code next} if nobody changed it meanwhile. */
  Optional<Versioned> replace(Versioned current, OtpChallenge next);

  /** Deletes {@code current} if nobody changed it meanwhile. */
  boolean remove(Versioned current);

  /** A challenge as read, with the version a compare-and-set must match. */
  record Versioned(OtpChallenge challenge, long version) {}
}
