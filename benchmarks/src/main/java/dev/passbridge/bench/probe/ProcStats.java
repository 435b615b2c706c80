package dev.passbridge.bench.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What Linux says about the machine and a process: load average, CPU time, RSS, the CPU model.
 * Every reader answers -1 (or "unknown") where {@code /proc} is not there.
 */
public final class ProcStats {
  private ProcStats() {}

  /** The 1-minute load average. */
  public static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** "1.23 2.34 3.45" (1, 5, 15 minutes). */
  public static String loadAverages() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Resident set size of a process in bytes. */
  public static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] f = line.trim().split("\\s+");
          return Long.parseLong(f[1]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone or not Linux
    }
    return -1;
  }

  /** User + system CPU time of a process so far, in nanoseconds. */
  public static long cpuNanos(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(p -> p.info().totalCpuDuration())
        .map(Duration::toNanos)
        .orElse(-1L);
  }

  /**
   * CPU time of a process and of the processes it started (the launcher's redis-server), in
   * nanoseconds.
   */
  public static long treeCpuNanos(long pid) {
    long own = cpuNanos(pid);
    if (own < 0) {
      return own;
    }
    long children =
        ProcessHandle.of(pid).stream()
            .flatMap(ProcessHandle::descendants)
            .mapToLong(c -> c.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
            .sum();
    return own + children;
  }

  /** Machine-wide CPU ticks: {busy, total} (busy = everything but idle and iowait). */
  public static long[] machineTicks() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).getFirst();
      String[] f = first.trim().split("\\s+");
      long total = 0;
      long idle = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        long v = Long.parseLong(f[i]);
        total += v;
        if (i == 4 || i == 5) {
          idle += v;
        }
      }
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }

  public static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      for (String line : lines) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  public static long memTotalBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.trim().split("\\s+")[1]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  public static String kernel() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  /** CPU usage between two samples, in cores. */
  public record CpuSample(long wallNanos, long sutNanos, long generatorNanos, long[] machine) {
    /**
     * @param sutPid the system's process: its CPU includes the processes it started (Redis), except
     *     when it is this very process (in-process smoke runs: JMH forks would count too)
     */
    public static CpuSample take(long sutPid) {
      long self = ProcessHandle.current().pid();
      return new CpuSample(
          System.nanoTime(),
          sutPid == self ? cpuNanos(sutPid) : treeCpuNanos(sutPid),
          cpuNanos(self),
          machineTicks());
    }

    public double sutCores(CpuSample later) {
      return (later.sutNanos - sutNanos) / (double) (later.wallNanos - wallNanos);
    }

    public double generatorCores(CpuSample later) {
      return (later.generatorNanos - generatorNanos) / (double) (later.wallNanos - wallNanos);
    }

    /** Busy cores on the whole machine (all processes, the other engineers' builds included). */
    public double machineCores(CpuSample later) {
      long total = later.machine[1] - machine[1];
      if (total <= 0 || machine[0] < 0) {
        return -1;
      }
      return (later.machine[0] - machine[0])
          / (double) total
          * Runtime.getRuntime().availableProcessors();
    }
  }
}
