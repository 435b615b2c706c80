package dev.passbridge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The phase's CPU line: thread groups, and "everything else" by part only for Passbridge. */
class PhaseResultTest {

  static PhaseResult phase(Map<String, Double> threadCores) {
    Summary flow = new Summary("password", 100, 0, Map.of(), 10, 1, 1, 1, 1, 1, 1, 1);
    return new PhaseResult(
        "password-peak",
        "t",
        "m",
        10,
        Map.of("password", flow),
        Map.of(),
        new PhaseResult.Resources(1, 1, 1.8, 0.1, 1.9, 1, 1, threadCores));
  }

  static Map<String, Double> cores(double gateway, double broker, double rest) {
    Map<String, Double> cores = new HashMap<>();
    cores.put("hashing", 1.0);
    cores.put("jit", 0.1);
    cores.put("gc", 0.05);
    cores.put("other", gateway + broker + rest);
    cores.put("other.gateway", gateway);
    cores.put("other.requests", 0.0);
    cores.put("other.broker", broker);
    cores.put("other.streams", 0.0);
    cores.put("other.redis", 0.0);
    cores.put("other.rest", rest);
    return cores;
  }

  @Test
  void everythingElseIsSplitByPartInMillisecondsPerJourney() {
    // 100 journeys in 10 s: 0.2 cores = 20 ms per journey
    String line = phase(cores(0.2, 0.1, 0.3)).threadBreakdown();
    assertThat(line)
        .contains("everything else 0.60 cores (60.0 ms per journey)")
        .contains("everything else by part: gateway (Netty) 0.20 cores (20.0 ms)")
        .contains("Kafka broker 0.10 cores (10.0 ms)")
        .contains("the rest (Kafka listeners and producers, timers) 0.30 cores (30.0 ms)");
  }

  @Test
  void aProcessWithNoneOfPassbridgesPartsGetsNoSplit() {
    // Keycloak: every thread of "everything else" is in the rest
    assertThat(phase(cores(0, 0, 1.5)).threadBreakdown())
        .contains("everything else 1.50 cores")
        .doesNotContain("by part");
    assertThat(phase(Map.of("hashing", 1.0, "other", 0.5)).threadBreakdown())
        .doesNotContain("by part");
  }
}
