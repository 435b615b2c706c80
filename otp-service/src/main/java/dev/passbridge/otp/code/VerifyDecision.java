package dev.passbridge.otp.code;

import java.util.UUID;

/** The policy's verdict on one code entered for a login. */
public sealed interface VerifyDecision {

  /** The right code: consume the challenge and announce {@code OtpVerified} with this id. */
  record Accepted(OtpChallenge challenge, UUID eventId) implements VerifyDecision {}

  /** A wrong code: store {@code next} (one more attempt counted). */
  record Rejected(OtpChallenge next, int attemptsLeft) implements VerifyDecision {}

  /** The wrong code that used the last attempt: store {@code next} (locked), announce the lock. */
  record LockedNow(OtpChallenge next) implements VerifyDecision {}

  /** Locked before: nothing is accepted, not even the right code. */
  record Locked(OtpChallenge challenge) implements VerifyDecision {}

  /** No code for this login (unknown, used, or expired). */
  record Expired() implements VerifyDecision {}
}
