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

  /**
   * A same-run baseline: a JMH throughput on as many threads as cores.
   *
   * @param when before the system started, or right before / after the phase it bounds (the system
   *     idle beside it)
   */
  public record Baseline(
      String key, String title, String when, JmhRunner.Result result, double loadAverage) {}

  /**
   * Decision latency of one phase (milliseconds).
   *
   * @param intelligence intelligence-service's part: OtpVerified produced → decision made
   */
  public record Decision(
      String phase, Summary latency, int unmatched, double loadAverage, Summary intelligence) {}

  /**
   * @param heapPerService live heap after GC attributable to each service (freed when it stops)
   * @param childProcessesRssBytes RSS of the processes the launcher started (redis-server), after
   *     the load
   */
  public record Memory(
      long rssMaxBytes,
      long rssMeanBytes,
      String rssPhase,
      LinkedHashMap<String, Long> heapPerService,
      double loadAverage,
      long childProcessesRssBytes,
      java.util.Map<String, Long> parts) {}

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

  /**
   * One start of the system in the start-up comparison (phase {@code aot}).
   *
   * @param variant "no cache" or "AOT cache"
   * @param startSeconds process start → every service up
   * @param jitSettledSeconds seconds of load (from the first request) until a 10 s slice in which
   *     the JIT compiler threads used less than the settled threshold; -1 if not within the limit
   * @param jitCores the compiler threads' cores in each 10 s slice of load
   * @param cpuMillisPerJourney the system's CPU per journey in each slice
   */
  public record WarmStart(
      String variant,
      int round,
      double startSeconds,
      double jitSettledSeconds,
      List<Double> jitCores,
      List<Double> cpuMillisPerJourney) {}

  public Environment environment;
  public final List<WarmStart> warmStarts = new ArrayList<>();
  public final List<Baseline> baselines = new ArrayList<>();
  public final List<JmhRunner.Result> micro = new ArrayList<>();
  public final List<SystemRun> systems = new ArrayList<>();
  public final List<Target> targets = new ArrayList<>();
  public final List<String> notes = new ArrayList<>();
  public final Map<String, Double> loadAverages = new LinkedHashMap<>();

  /**
   * The baseline a target is judged against: the mean of the measurements right before and right
   * after its phase (closest in time, so a machine whose load drifts treats both alike); the
   * measurement before the system started when there are none.
   */
  public Baseline baseline(String key) {
    List<Baseline> adjacent =
        baselines.stream()
            .filter(b -> b.key().equals(key) && b.when().startsWith("right"))
            .toList();
    List<Baseline> all = baselines.stream().filter(b -> b.key().equals(key)).toList();
    List<Baseline> used = adjacent.isEmpty() ? all : adjacent;
    if (used.isEmpty()) {
      return null;
    }
    if (used.size() == 1) {
      return used.getFirst();
    }
    double mean = used.stream().mapToDouble(b -> b.result().score()).average().orElse(0);
    double spread =
        used.stream().mapToDouble(b -> Math.abs(b.result().score() - mean)).max().orElse(0);
    JmhRunner.Result first = used.getFirst().result();
    return new Baseline(
        key,
        used.getFirst().title(),
        "mean of "
            + used.size()
            + " ("
            + String.join(", ", used.stream().map(Baseline::when).toList())
            + ")",
        new JmhRunner.Result(
            first.benchmark(),
            first.params(),
            first.threads(),
            first.mode(),
            mean,
            spread,
            first.unit()),
        used.stream().mapToDouble(Baseline::loadAverage).average().orElse(0));
  }

  public SystemRun system(String name) {
    return systems.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }
}
