package dev.passbridge.otp.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of the code policy.
 *
 * @param codeTtl how long a code is accepted after it was issued
 * @param maxAttempts wrong codes per login; the last one locks the login
 * @param resendCooldown the least time between two SMS of one login
 * @param maxResends codes re-issued per login
 * @param accountMaxFailures wrong codes per account (all its logins) within {@code accountWindow};
 *     the last one locks the account's code entry
 * @param accountWindow how far back wrong codes count towards {@code accountMaxFailures}
 * @param accountLockDuration how long an account's code entry stays locked
 */
public record OtpLimits(
    Duration codeTtl,
    int maxAttempts,
    Duration resendCooldown,
    int maxResends,
    int accountMaxFailures,
    Duration accountWindow,
    Duration accountLockDuration) {

  public static final int DEFAULT_ACCOUNT_MAX_FAILURES = 10;
  public static final Duration DEFAULT_ACCOUNT_WINDOW = Duration.ofHours(24);
  public static final Duration DEFAULT_ACCOUNT_LOCK_DURATION = Duration.ofHours(1);

  public OtpLimits {
    Objects.requireNonNull(codeTtl, "codeTtl");
    Objects.requireNonNull(resendCooldown, "resendCooldown");
    Objects.requireNonNull(accountWindow, "accountWindow");
    Objects.requireNonNull(accountLockDuration, "accountLockDuration");
    if (codeTtl.isNegative() || codeTtl.isZero()) {
      throw new IllegalArgumentException("codeTtl must be positive");
    }
    if (resendCooldown.isNegative()) {
      throw new IllegalArgumentException("resendCooldown must not be negative");
    }
    if (maxAttempts < 1 || maxResends < 0) {
      throw new IllegalArgumentException("maxAttempts >= 1 and maxResends >= 0");
    }
    if (accountMaxFailures < 1) {
      throw new IllegalArgumentException("accountMaxFailures >= 1");
    }
    if (!accountWindow.isPositive() || !accountLockDuration.isPositive()) {
      throw new IllegalArgumentException("accountWindow and accountLockDuration must be positive");
    }
  }

  /** The per-login limits with the default account limits. */
  public OtpLimits(Duration codeTtl, int maxAttempts, Duration resendCooldown, int maxResends) {
    this(
        codeTtl,
        maxAttempts,
        resendCooldown,
        maxResends,
        DEFAULT_ACCOUNT_MAX_FAILURES,
        DEFAULT_ACCOUNT_WINDOW,
        DEFAULT_ACCOUNT_LOCK_DURATION);
  }

  public static OtpLimits defaults() {
    return new OtpLimits(Duration.ofMinutes(5), 5, Duration.ofSeconds(30), 3);
  }
}
