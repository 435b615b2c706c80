package dev.passbridge.intelligence.rules;

/** How the login's second factor ended. */
public enum SecondFactor {
  /** OtpVerified arrived within the login window. */
  PASSED,
  /** No OtpVerified within the login window. */
  TIMED_OUT,
  /** The one-time code was locked after too many wrong attempts (OtpLocked). */
  LOCKED
}
