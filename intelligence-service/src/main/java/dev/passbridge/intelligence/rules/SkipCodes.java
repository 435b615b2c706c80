package dev.passbridge.intelligence.rules;

/**
 * Skip reasons this service emits beyond {@link dev.passbridge.contracts.events.SkipReasons}
 * (reason codes are open strings, so consumers keep working).
 */
public final class SkipCodes {
  private SkipCodes() {}

  /** The login's one-time code was locked (OtpLocked) before it was verified. */
  public static final String SECOND_FACTOR_LOCKED = "SECOND_FACTOR_LOCKED";
}
