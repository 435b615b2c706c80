package dev.passbridge.contracts.events;

/**
 * Reason codes of {@link PasskeyUpgradeSkipped}. Codes are strings, not an enum, so that a consumer
 * keeps working when a later rule adds a code; these are every code intelligence-service emits.
 */
public final class SkipReasons {
  private SkipReasons() {}

  public static final String HAS_PASSKEY = "HAS_PASSKEY";
  public static final String NOT_AUTOFILLED = "NOT_AUTOFILLED";
  public static final String NO_CONDITIONAL_CREATE = "NO_CONDITIONAL_CREATE";
  public static final String NO_PLATFORM_AUTHENTICATOR = "NO_PLATFORM_AUTHENTICATOR";
  public static final String COOLDOWN = "COOLDOWN";
  public static final String PROMPT_LIMIT = "PROMPT_LIMIT";
  public static final String ROLLOUT_EXCLUDED = "ROLLOUT_EXCLUDED";
  public static final String PLATFORM_BLOCKED = "PLATFORM_BLOCKED";
  public static final String SECOND_FACTOR_TIMEOUT = "SECOND_FACTOR_TIMEOUT";

  /** The login's one-time code was locked ({@link OtpLocked}) before it was verified. */
  public static final String SECOND_FACTOR_LOCKED = "SECOND_FACTOR_LOCKED";

  /**
   * A Connect platform reported a login without a second factor: no passkey is created after a
   * single factor (conditional create only after full MFA), decided at once.
   */
  public static final String SECOND_FACTOR_MISSING = "SECOND_FACTOR_MISSING";
}
