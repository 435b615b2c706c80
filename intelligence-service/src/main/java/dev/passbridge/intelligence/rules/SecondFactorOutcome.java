package dev.passbridge.intelligence.rules;

/**
 * How the login's second factor ended (not to be confused with the contracts' {@code SecondFactor},
 * the channel and destination a code is sent to). Kept in no store; the trace names the rule that
 * read it, not this type.
 */
public enum SecondFactorOutcome {
  /** OtpVerified arrived within the login window. */
  PASSED,
  /** No OtpVerified within the login window. */
  TIMED_OUT,
  /** The one-time code was locked after too many wrong attempts (OtpLocked). */
  LOCKED,
  /** A Connect platform reported the login without a second factor: decided at once. */
  MISSING
}
