package dev.passbridge.bench.load;

import java.util.Map;

/**
 * What one phase measured.
 *
 * @param flows per scenario: whole journeys (throughput = completed journeys per second)
 * @param steps per step
 * @param resources CPU, memory and machine load while it ran
 */
public record PhaseResult(
    String name,
    String title,
    String mode,
    double seconds,
    Map<String, Summary> flows,
    Map<String, Summary> steps,
    Resources resources) {

  /**
   * @param loadAverageStart 1-minute load average when the phase began (all processes)
   * @param systemCores CPU cores the system's JVM used on average
   * @param generatorCores CPU cores the load generator used
   * @param machineCores busy cores of the whole machine (others' builds included)
   * @param rssMaxBytes the system's largest resident set size sampled (every second)
   * @param threadCores cores the system's JVM used per thread group ({@link
   *     dev.passbridge.bench.probe.ThreadCpu}: the hashing threads, the JIT compilers, the GC and
   *     everything else); empty where {@code /proc} is not there
   */
  public record Resources(
      double loadAverageStart,
      double loadAverageEnd,
      double systemCores,
      double generatorCores,
      double machineCores,
      long rssMaxBytes,
      long rssMeanBytes,
      Map<String, Double> threadCores) {

    public Resources {
      threadCores = threadCores == null ? Map.of() : Map.copyOf(threadCores);
    }

    public Resources(
        double loadAverageStart,
        double loadAverageEnd,
        double systemCores,
        double generatorCores,
        double machineCores,
        long rssMaxBytes,
        long rssMeanBytes) {
      this(
          loadAverageStart,
          loadAverageEnd,
          systemCores,
          generatorCores,
          machineCores,
          rssMaxBytes,
          rssMeanBytes,
          Map.of());
    }

    /** Cores of one thread group, or -1 when not measured. */
    public double cores(String group) {
      return threadCores.getOrDefault(group, -1.0);
    }
  }

  /**
   * CPU milliseconds per completed journey of one thread group of the system (-1 when not
   * measured).
   */
  public double cpuMillisPerJourney(String group) {
    return millisPerJourney(resources.cores(group));
  }

  /** The load generator's CPU milliseconds per completed journey. */
  public double generatorCpuMillisPerJourney() {
    return millisPerJourney(resources.generatorCores());
  }

  /**
   * "of which hashing 1.02 cores (78.1 ms per journey), JIT compilers 0.31 (…), GC 0.05 (…),
   * everything else 0.48 (…: gateway 0.12 (…), request threads …)", or "" when the thread groups
   * were not measured.
   */
  public String threadBreakdown() {
    if (resources.threadCores().isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("of which");
    String[][] groups = {
      {"hashing", "Argon2id hashing threads"},
      {"jit", "JIT compilers"},
      {"gc", "GC and VM threads"},
      {"other", "everything else"}
    };
    for (String[] g : groups) {
      double cores = resources.cores(g[0]);
      if (cores <= 0 && g[0].equals("hashing")) {
        continue;
      }
      double ms = cpuMillisPerJourney(g[0]);
      b.append(b.length() == 8 ? " " : ", ")
          .append(g[1])
          .append(" %.2f cores".formatted(cores))
          .append(ms < 0 ? "" : " (%.1f ms per journey)".formatted(ms));
    }
    String parts = partsBreakdown();
    return parts.isEmpty() ? b.toString() : b + "; everything else by part: " + parts;
  }

  private static final String[][] PARTS = {
    {"gateway", "gateway (Netty)"},
    {"requests", "request threads (Tomcat, virtual-thread carriers)"},
    {"broker", "Kafka broker"},
    {"streams", "Kafka Streams"},
    {"redis", "Redis client"},
    {"rest", "the rest (Kafka listeners and producers, timers)"}
  };

  /**
   * "gateway (Netty) 0.38 cores (2.0 ms per journey), …", or "" without the split or for a process
   * with none of Passbridge's parts (Keycloak: its request threads would read as "the rest").
   */
  String partsBreakdown() {
    double passbridge = 0;
    for (String[] p : PARTS) {
      if (!p[0].equals("rest")) {
        passbridge += Math.max(0, resources.cores("other." + p[0]));
      }
    }
    if (passbridge == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (String[] p : PARTS) {
      double cores = resources.cores("other." + p[0]);
      if (cores < 0) {
        return "";
      }
      double ms = cpuMillisPerJourney("other." + p[0]);
      b.append(b.isEmpty() ? "" : ", ")
          .append(p[1])
          .append(" %.2f cores".formatted(cores))
          .append(ms < 0 ? "" : " (%.1f ms)".formatted(ms));
    }
    return b.toString();
  }

  public Summary flow(String scenario) {
    return flows.get(scenario);
  }

  public long totalFailed() {
    return flows.values().stream().mapToLong(Summary::failed).sum();
  }

  public long totalOk() {
    return flows.values().stream().mapToLong(Summary::ok).sum();
  }

  /**
   * The system's CPU time per completed journey, in milliseconds: how much work a journey costs,
   * which a busy machine distorts far less than the throughput.
   */
  public double systemCpuMillisPerJourney() {
    return millisPerJourney(resources.systemCores());
  }

  /** Cores used over the phase as CPU milliseconds per completed journey; -1 if not measured. */
  private double millisPerJourney(double cores) {
    long ok = totalOk();
    return ok == 0 || cores < 0 ? -1 : cores * seconds * 1000 / ok;
  }
}
