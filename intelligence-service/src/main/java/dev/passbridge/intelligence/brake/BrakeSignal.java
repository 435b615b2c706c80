package dev.passbridge.intelligence.brake;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.contracts.events.Platform;
import java.time.Instant;
import java.util.Objects;

/**
 * One observation for the brake: a silent create was tried ({@code PasskeyEligible{CONDITIONAL}})
 * or failed ({@code PasskeyUpgradeFailed} of mode {@code CONDITIONAL}) on a platform.
 *
 * @param errorName the failure's error name; null for an attempt
 * @param at the event's business time (the window runs on it, so a replay measures the same)
 */
public record BrakeSignal(Platform platform, @Nullable String errorName, Instant at) {
  public BrakeSignal {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(at, "at");
  }

  public static BrakeSignal attempt(Platform platform, Instant at) {
    return new BrakeSignal(platform, null, at);
  }

  public static BrakeSignal failure(Platform platform, String errorName, Instant at) {
    return new BrakeSignal(platform, errorName, at);
  }

  public boolean failed() {
    return errorName != null;
  }

  /** The browser's major version, or {@code unknown}. */
  public String browserMajor() {
    String version = platform.browserVersion();
    if (version == null || version.isBlank()) {
      return "unknown";
    }
    String major = version.strip().split("[._]")[0];
    return major.matches("[0-9]{1,9}") ? major : "unknown";
  }

  /** What the window is kept per: {@code os/browser/major}, e.g. {@code Android/Chrome/137}. */
  public String windowKey() {
    return platform.os() + "/" + platform.browser() + "/" + browserMajor();
  }
}
