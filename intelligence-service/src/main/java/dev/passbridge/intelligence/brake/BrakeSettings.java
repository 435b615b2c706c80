package dev.passbridge.intelligence.brake;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;

/**
 * {@code passbridge.intelligence.brake.*}: when the automatic brake turns conditional create off.
 *
 * @param enabled false: measure nothing, change nothing
 * @param window the sliding window the failure rate is measured over (event time)
 * @param minSample fewest conditional attempts in the window before a rate counts (each user counts
 *     once per platform and window)
 * @param threshold failure rate (0–1) at or above which the brake acts
 * @param ignoredErrors error names that are not failures of the silent create ({@code
 *     InvalidStateError}: the user has a passkey there already)
 */
public record BrakeSettings(
    Boolean enabled,
    Duration window,
    @Min(1) @Max(1_000_000) Integer minSample,
    @DecimalMin("0.01") @DecimalMax("1.0") Double threshold,
    @Size(max = 50) List<@NotNull String> ignoredErrors) {

  /** How many buckets a window is measured in (its resolution: a twentieth of the window). */
  public static final int BUCKETS = 20;

  public BrakeSettings {
    enabled = enabled == null || enabled;
    window = window == null ? Duration.ofHours(1) : window;
    if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("brake.window must be more than 0 and at most 7 days");
    }
    minSample = minSample == null ? 50 : minSample;
    threshold = threshold == null ? 0.3 : threshold;
    ignoredErrors =
        ignoredErrors == null ? List.of("InvalidStateError") : List.copyOf(ignoredErrors);
  }

  public static BrakeSettings defaults() {
    return new BrakeSettings(null, null, null, null, null);
  }

  /** The width of one bucket: a twentieth of the window, at least a second. */
  public Duration bucketWidth() {
    Duration width = window.dividedBy(BUCKETS);
    return width.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : width;
  }
}
