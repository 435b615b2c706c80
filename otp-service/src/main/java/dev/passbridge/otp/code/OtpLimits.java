package dev.passbridge.otp.code;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of the code policy.
 *
 * @param codeTtl how long a code is accepted after it was issued
 * @param maxAttempts wrong codes per login; the last one locks the login
 * @param resendCooldown the least time between two SMS of one login
 * @param maxResends codes re-issued per login
 */
public record OtpLimits(
    Duration codeTtl, int maxAttempts, Duration resendCooldown, int maxResends) {

  public OtpLimits {
    Objects.requireNonNull(codeTtl, "codeTtl");
    Objects.requireNonNull(resendCooldown, "resendCooldown");
    if (codeTtl.isNegative() || codeTtl.isZero()) {
      throw new IllegalArgumentException("codeTtl must be positive");
    }
    if (resendCooldown.isNegative()) {
      throw new IllegalArgumentException("resendCooldown must not be negative");
    }
    if (maxAttempts < 1 || maxResends < 0) {
      throw new IllegalArgumentException("maxAttempts >= 1 and maxResends >= 0");
    }
  }

  public static OtpLimits defaults() {
    return new OtpLimits(Duration.ofMinutes(5), 5, Duration.ofSeconds(30), 3);
  }
}
