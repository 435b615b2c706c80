package dev.passbridge.intelligence.funnel;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import java.util.TreeMap;

/**
 * The funnel's counts for one slice (a day, a platform, or a whole range).
 *
 * @param passwordLogins PasswordAuthenticated
 * @param secondFactorPassed OtpVerified within the window
 * @param eligible PasskeyEligible by mode ({@code CONDITIONAL}, {@code PROMPT})
 * @param skipped PasskeyUpgradeSkipped by reason
 * @param upgradeFailed PasskeyUpgradeFailed by error name
 * @param passkeysCreated PasskeyCreated by mode
 * @param passkeyLogins PasskeyAuthenticated
 * @param firstPasskeyLogins first passkey login of a user
 */
@Schema(
    requiredProperties = {
      "passwordLogins",
      "secondFactorPassed",
      "eligible",
      "skipped",
      "upgradeFailed",
      "passkeysCreated",
      "passkeyLogins",
      "firstPasskeyLogins"
    })
public record FunnelCounts(
    long passwordLogins,
    long secondFactorPassed,
    Map<String, Long> eligible,
    Map<String, Long> skipped,
    Map<String, Long> upgradeFailed,
    Map<String, Long> passkeysCreated,
    long passkeyLogins,
    long firstPasskeyLogins) {

  public long eligibleTotal() {
    return eligible.values().stream().mapToLong(Long::longValue).sum();
  }

  public long passkeysCreatedTotal() {
    return passkeysCreated.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Adds up counts; {@link #build()} freezes them. */
  public static final class Builder {
    private long passwordLogins;
    private long secondFactorPassed;
    private final Map<String, Long> eligible = new TreeMap<>();
    private final Map<String, Long> skipped = new TreeMap<>();
    private final Map<String, Long> upgradeFailed = new TreeMap<>();
    private final Map<String, Long> passkeysCreated = new TreeMap<>();
    private long passkeyLogins;
    private long firstPasskeyLogins;

    public Builder add(FunnelStep step, String detail, long count) {
      String d = detail == null ? FunnelKey.OTHER : detail;
      switch (step) {
        case PASSWORD_LOGIN -> passwordLogins += count;
        case SECOND_FACTOR_PASSED -> secondFactorPassed += count;
        case ELIGIBLE -> eligible.merge(d, count, Long::sum);
        case SKIPPED -> skipped.merge(d, count, Long::sum);
        case UPGRADE_FAILED -> upgradeFailed.merge(d, count, Long::sum);
        case PASSKEY_CREATED -> passkeysCreated.merge(d, count, Long::sum);
        case PASSKEY_LOGIN -> passkeyLogins += count;
        case FIRST_PASSKEY_LOGIN -> firstPasskeyLogins += count;
      }
      return this;
    }

    public FunnelCounts build() {
      return new FunnelCounts(
          passwordLogins,
          secondFactorPassed,
          Map.copyOf(eligible),
          Map.copyOf(skipped),
          Map.copyOf(upgradeFailed),
          Map.copyOf(passkeysCreated),
          passkeyLogins,
          firstPasskeyLogins);
    }
  }
}
