package dev.passbridge.bench.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured stretch of load.
 *
 * @param mix scenarios and their weights (an iteration picks one at random by weight)
 * @param concurrency closed loop: this many virtual users, each starting its next journey when the
 *     last one ended; open loop: the upper bound of journeys in flight
 * @param ratePerSecond 0 for a closed loop; otherwise journeys start at this fixed rate whatever
 *     the answers do (open loop), and journey latency counts from the planned start, so a stalled
 *     system cannot hide its queue (no coordinated omission)
 */
public record Phase(
    String name,
    String title,
    Map<Scenario, Integer> mix,
    int concurrency,
    Duration duration,
    double ratePerSecond) {

  public Phase {
    mix = new LinkedHashMap<>(mix);
    if (mix.isEmpty() || concurrency < 1 || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("bad phase " + name);
    }
  }

  public static Phase closed(String name, String title, Scenario s, int concurrency, Duration d) {
    return new Phase(name, title, Map.of(s, 1), concurrency, d, 0);
  }

  public static Phase open(
      String name, String title, Scenario s, double rate, int maxInFlight, Duration d) {
    return new Phase(name, title, Map.of(s, 1), maxInFlight, d, rate);
  }

  public boolean openLoop() {
    return ratePerSecond > 0;
  }

  public String mode() {
    return openLoop()
        ? "open loop, %.1f journeys/s (at most %d in flight)".formatted(ratePerSecond, concurrency)
        : "closed loop, %d virtual users".formatted(concurrency);
  }
}
