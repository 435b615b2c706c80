package dev.passbridge.otp;

import dev.passbridge.otp.policy.CodeHasher;
import dev.passbridge.otp.policy.OtpLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.otp.*}: the code policy.
 *
 * @param hmacKey per-deployment secret for the code HMACs, base64 (standard or URL alphabet), at
 *     least 32 bytes. Required; no default outside the local profile. Changing it invalidates the
 *     codes in flight (at most {@code codeTtl} of logins).
 * @param codeTtl how long a code is accepted, counted from the password step
 * @param maxAttempts wrong codes per login; the last one locks the login
 * @param resendCooldown least time between two SMS of one login
 * @param maxResends new codes per login on top of the first
 * @param dedupeTtl how long a consumed {@code PasswordAuthenticated} event id is remembered
 * @param listenerConcurrency consumer threads for {@code PasswordAuthenticated} per instance (at
 *     most the topic's partition count is useful)
 * @param accountMaxFailures wrong codes per account, across all its logins, within {@code
 *     accountWindow}; the last one locks the account's code entry (at most 100, the ceiling NIST SP
 *     800-63B sets for consecutive failures)
 * @param accountWindow how far back an account's wrong codes count (sliding window)
 * @param accountLockDuration how long an account's code entry stays locked: no code is accepted and
 *     no SMS is sent
 */
@Validated
@ConfigurationProperties("passbridge.otp")
public record OtpProperties(
    @NotBlank String hmacKey,
    @DefaultValue("5m") @NotNull Duration codeTtl,
    @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
    @DefaultValue("30s") @NotNull Duration resendCooldown,
    @DefaultValue("3") @Min(0) @Max(10) int maxResends,
    @DefaultValue("24h") @NotNull Duration dedupeTtl,
    @DefaultValue("1") @Min(1) @Max(64) int listenerConcurrency,
    @DefaultValue("10") @Min(1) @Max(100) int accountMaxFailures,
    @DefaultValue("24h") @NotNull Duration accountWindow,
    @DefaultValue("1h") @NotNull Duration accountLockDuration) {

  public OtpProperties {
    if (hmacKey != null && !hmacKey.isBlank()) {
      int length = decode(hmacKey).length;
      if (length < CodeHasher.MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "passbridge.otp.hmac-key must decode to at least "
                + CodeHasher.MIN_KEY_BYTES
                + " bytes (got "
                + length
                + ")");
      }
    }
    if (codeTtl != null && (codeTtl.isZero() || codeTtl.isNegative())) {
      throw new IllegalArgumentException("passbridge.otp.code-ttl must be positive");
    }
    if (resendCooldown != null && resendCooldown.isNegative()) {
      throw new IllegalArgumentException("passbridge.otp.resend-cooldown must not be negative");
    }
    if (accountWindow != null && !accountWindow.isPositive()) {
      throw new IllegalArgumentException("passbridge.otp.account-window must be positive");
    }
    if (accountLockDuration != null && !accountLockDuration.isPositive()) {
      throw new IllegalArgumentException("passbridge.otp.account-lock-duration must be positive");
    }
  }

  public byte[] hmacKeyBytes() {
    return decode(hmacKey);
  }

  public OtpLimits limits() {
    return new OtpLimits(
        codeTtl,
        maxAttempts,
        resendCooldown,
        maxResends,
        accountMaxFailures,
        accountWindow,
        accountLockDuration);
  }

  private static byte[] decode(String key) {
    String k = key.strip();
    try {
      return k.indexOf('-') >= 0 || k.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(k)
          : Base64.getDecoder().decode(k);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("passbridge.otp.hmac-key is not valid base64", e);
    }
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "OtpProperties[hmacKey=<redacted>, codeTtl="
        + codeTtl
        + ", maxAttempts="
        + maxAttempts
        + ", resendCooldown="
        + resendCooldown
        + ", maxResends="
        + maxResends
        + ", dedupeTtl="
        + dedupeTtl
        + ", listenerConcurrency="
        + listenerConcurrency
        + ", accountMaxFailures="
        + accountMaxFailures
        + ", accountWindow="
        + accountWindow
        + ", accountLockDuration="
        + accountLockDuration
        + "]";
  }
}
