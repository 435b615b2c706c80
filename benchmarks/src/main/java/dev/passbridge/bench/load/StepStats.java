package dev.passbridge.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies (HdrHistogram, microseconds, 3 significant digits, up to 2 minutes) and outcomes of one
 * step, recorded from many virtual threads at once. The progress line reads interval histograms;
 * the report reads the accumulated one.
 */
public final class StepStats {
  static final long MAX_MICROS = 120_000_000L;

  private final String name;
  private final Recorder recorder = new Recorder(MAX_MICROS, 3);
  private final Histogram total = new Histogram(MAX_MICROS, 3);
  private final LongAdder ok = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private Histogram interval;

  public StepStats(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public void success(long nanos) {
    recorder.recordValue(clamp(nanos));
    ok.increment();
  }

  /** A failed call: counted by kind ({@code 503 service-busy}), its latency not recorded. */
  public void failure(String kind) {
    failed.increment();
    failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  private static long clamp(long nanos) {
    return Math.max(1, Math.min(MAX_MICROS, nanos / 1000));
  }

  /** The latencies since the last call (also added to the total). */
  public synchronized Histogram drainInterval() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    return interval;
  }

  /** Everything recorded so far. */
  public synchronized Histogram total() {
    drainInterval();
    return total.copy();
  }

  /** Adds everything {@code other} recorded (a slice of the same phase) to this one. */
  public synchronized void add(StepStats other) {
    drainInterval();
    total.add(other.total());
    ok.add(other.ok());
    failed.add(other.failed());
    other.failures().forEach((k, v) -> failures.computeIfAbsent(k, x -> new LongAdder()).add(v));
  }

  public long ok() {
    return ok.sum();
  }

  public long failed() {
    return failed.sum();
  }

  public Map<String, Long> failures() {
    Map<String, Long> m = new TreeMap<>();
    failures.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }
}
