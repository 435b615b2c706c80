package dev.passbridge.bench.report;

import dev.passbridge.bench.jmh.JmhRunner;
import dev.passbridge.bench.load.PhaseResult;
import dev.passbridge.bench.load.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one benchmark run measured, in the order it was measured. */
public final class Report {

  /**
   * @param loadAverages 1/5/15-minute load averages when the run began
   */
  public record Environment(
      String started,
      String commit,
      String cpu,
      int cores,
      long memoryBytes,
      String kernel,
      String jdk,
      String generatorJvm,
      String loadAverages) {}

  /** A same-run baseline: a JMH throughput on as many threads as cores. */
  public record Baseline(String key, String title, JmhRunner.Result result, double loadAverage) {}

  /**
   * Decision latency of one phase (milliseconds).
   *
   * @param intelligenceMeanMillis intelligence-service's part (its own timer, mean), -1 if unknown
   */
  public record Decision(
      String phase,
      Summary latency,
      int unmatched,
      double loadAverage,
      double intelligenceMeanMillis) {}

  /**
   * @param heapPerService live heap after GC attributable to each service (freed when it stops)
   */
  public record Memory(
      long rssMaxBytes,
      long rssMeanBytes,
      String rssPhase,
      LinkedHashMap<String, Long> heapPerService,
      double loadAverage) {}

  /**
   * The gateway's cost on one endpoint.
   *
   * @param directMax closed-loop throughput straight to the service
   * @param gatewayMax the same through the gateway
   * @param rate the open-loop rate of the latency comparison
   */
  public record GatewayRow(
      String endpoint,
      PhaseResult directMax,
      PhaseResult gatewayMax,
      double rate,
      PhaseResult directLatency,
      PhaseResult gatewayLatency) {}

  /** One start of the whole system and what ran on it. */
  public record SystemRun(
      String name,
      String title,
      String jvm,
      Map<String, String> properties,
      List<PhaseResult> phases,
      List<Decision> decisions,
      List<GatewayRow> gateway,
      List<JfrSummary.Profile> profiles,
      Memory memory,
      double startSeconds) {

    public PhaseResult phase(String name) {
      return phases.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
  }

  /**
   * A target of the issue and how this run did.
   *
   * @param met null when the target is a report, not a threshold
   */
  public record Target(
      String name, String goal, String measured, String baseline, String ratio, Boolean met) {}

  public Environment environment;
  public final List<Baseline> baselines = new ArrayList<>();
  public final List<JmhRunner.Result> micro = new ArrayList<>();
  public final List<SystemRun> systems = new ArrayList<>();
  public final List<Target> targets = new ArrayList<>();
  public final List<String> notes = new ArrayList<>();
  public final Map<String, Double> loadAverages = new LinkedHashMap<>();

  public Baseline baseline(String key) {
    return baselines.stream().filter(b -> b.key().equals(key)).findFirst().orElse(null);
  }

  public SystemRun system(String name) {
    return systems.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }
}
