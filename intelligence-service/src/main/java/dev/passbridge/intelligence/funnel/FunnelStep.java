package dev.passbridge.intelligence.funnel;

/** The steps of the upgrade funnel, as counted per day and platform. */
public enum FunnelStep {
  /** PasswordAuthenticated. */
  PASSWORD_LOGIN("password_login"),
  /** OtpVerified joined to its password login within the window. */
  SECOND_FACTOR_PASSED("second_factor_passed"),
  /** PasskeyEligible, detail = mode. */
  ELIGIBLE("eligible"),
  /** PasskeyUpgradeSkipped, detail = reason. */
  SKIPPED("skipped"),
  /** PasskeyUpgradeFailed, detail = error name. */
  UPGRADE_FAILED("upgrade_failed"),
  /** PasskeyCreated, detail = mode. */
  PASSKEY_CREATED("passkey_created"),
  /** PasskeyAuthenticated. */
  PASSKEY_LOGIN("passkey_login"),
  /** The first PasskeyAuthenticated of a user. */
  FIRST_PASSKEY_LOGIN("first_passkey_login");

  private final String code;

  FunnelStep(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static FunnelStep ofCode(String code) {
    for (FunnelStep step : values()) {
      if (step.code.equals(code)) {
        return step;
      }
    }
    throw new IllegalArgumentException("unknown funnel step " + code);
  }
}
