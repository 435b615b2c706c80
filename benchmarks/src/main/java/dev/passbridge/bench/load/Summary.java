package dev.passbridge.bench.load;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One step's (or journey's) result: counts, failures by kind, throughput and latency percentiles in
 * milliseconds.
 */
public record Summary(
    String name,
    long ok,
    long failed,
    Map<String, Long> failures,
    double perSecond,
    double mean,
    double p50,
    double p90,
    double p95,
    double p99,
    double p999,
    double max) {

  public static Summary of(StepStats stats, double seconds) {
    return of(stats.name(), stats.total(), stats.ok(), stats.failed(), stats.failures(), seconds);
  }

  public static Summary of(
      String name, Histogram h, long ok, long failed, Map<String, Long> failures, double seconds) {
    boolean empty = h.getTotalCount() == 0;
    return new Summary(
        name,
        ok,
        failed,
        Map.copyOf(failures),
        seconds > 0 ? ok / seconds : 0,
        empty ? 0 : h.getMean() / 1000.0,
        ms(h, 50, empty),
        ms(h, 90, empty),
        ms(h, 95, empty),
        ms(h, 99, empty),
        ms(h, 99.9, empty),
        empty ? 0 : h.getMaxValue() / 1000.0);
  }

  private static double ms(Histogram h, double percentile, boolean empty) {
    return empty ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }
}
