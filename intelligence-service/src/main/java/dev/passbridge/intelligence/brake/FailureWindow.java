package dev.passbridge.intelligence.brake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The silent-create attempts and failures of one platform and browser version over a sliding
 * window, in buckets (a twentieth of the window each, so the window slides in steps of that size
 * and memory stays bounded however busy the platform). Immutable; stored as JSON.
 *
 * <p>Written here rather than with a windowed Kafka Streams aggregation: a hopping window would
 * need one aggregate per hop and a lookup of all overlapping windows on every event; one small
 * value per platform that is pruned on every event is simpler and answers the only question asked
 * (the rate over the last {@code window}).
 *
 * @param buckets oldest first
 */
public record FailureWindow(List<Bucket> buckets) {

  /**
   * One bucket.
   *
   * @param start its start (epoch milliseconds, a multiple of the bucket width)
   * @param failures failures by error name
   */
  public record Bucket(long start, long attempts, Map<String, Long> failures) {
    public Bucket {
      failures = failures == null ? Map.of() : Map.copyOf(failures);
    }

    long failed() {
      return failures.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public FailureWindow {
    buckets = buckets == null ? List.of() : List.copyOf(buckets);
  }

  public static FailureWindow empty() {
    return new FailureWindow(List.of());
  }

  /**
   * This window with {@code signal} counted and buckets older than {@code settings.window()}
   * (before the signal's time) dropped. A failure whose error is ignored changes only the pruning.
   */
  public FailureWindow with(BrakeSignal signal, BrakeSettings settings) {
    long width = settings.bucketWidth().toMillis();
    long at = signal.at().toEpochMilli();
    long start = Math.floorDiv(at, width) * width;
    long latest = at;
    for (Bucket bucket : buckets) {
      latest = Math.max(latest, bucket.start());
    }
    long oldest = latest - settings.window().toMillis();
    List<Bucket> next = new ArrayList<>();
    Bucket current = null;
    for (Bucket bucket : buckets) {
      if (bucket.start() + width <= oldest) {
        continue;
      }
      if (bucket.start() == start) {
        current = bucket;
      } else {
        next.add(bucket);
      }
    }
    if (start + width > oldest) {
      long attempts = current == null ? 0 : current.attempts();
      Map<String, Long> failures =
          new TreeMap<>(current == null ? Map.<String, Long>of() : current.failures());
      if (!signal.failed()) {
        attempts++;
      } else if (!settings.ignoredErrors().contains(signal.errorName())) {
        failures.merge(signal.errorName(), 1L, Long::sum);
      }
      next.add(new Bucket(start, attempts, failures));
    } else if (current != null) {
      next.add(current);
    }
    next.sort((a, b) -> Long.compare(a.start(), b.start()));
    return new FailureWindow(next);
  }

  public long attempts() {
    return buckets.stream().mapToLong(Bucket::attempts).sum();
  }

  public long failures() {
    return buckets.stream().mapToLong(Bucket::failed).sum();
  }

  /** Failures by error name over the window, most frequent first in iteration order by name. */
  public Map<String, Long> failuresByError() {
    Map<String, Long> byError = new TreeMap<>();
    for (Bucket bucket : buckets) {
      bucket.failures().forEach((error, n) -> byError.merge(error, n, Long::sum));
    }
    return byError;
  }

  /** failures / attempts; 0 without attempts. */
  public double rate() {
    long attempts = attempts();
    return attempts == 0 ? 0 : (double) failures() / attempts;
  }

  /** Whether the window has the minimum sample and a rate at or above the threshold. */
  public boolean overThreshold(BrakeSettings settings) {
    return attempts() >= settings.minSample() && rate() >= settings.threshold();
  }

  /** The measured numbers, for the audit reason. */
  public String describe(BrakeSettings settings) {
    return String.format(
        java.util.Locale.ROOT,
        "%d of %d silent creates failed (%.1f%%, threshold %.1f%%, minimum sample %d) in the last %s;"
            + " by error: %s",
        failures(),
        attempts(),
        rate() * 100,
        settings.threshold() * 100,
        settings.minSample(),
        human(settings.window()),
        failuresByError());
  }

  private static String human(Duration window) {
    return window.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}
