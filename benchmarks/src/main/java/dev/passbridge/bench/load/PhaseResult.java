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
   */
  public record Resources(
      double loadAverageStart,
      double loadAverageEnd,
      double systemCores,
      double generatorCores,
      double machineCores,
      long rssMaxBytes,
      long rssMeanBytes) {}

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
    long ok = totalOk();
    return ok == 0 || resources.systemCores() < 0
        ? -1
        : resources.systemCores() * seconds * 1000 / ok;
  }
}
