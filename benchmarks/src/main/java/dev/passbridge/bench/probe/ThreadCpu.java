package dev.passbridge.bench.probe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of a process's threads by group, from {@code /proc/<pid>/task/<tid>/stat}: what the
 * Argon2id hashing threads, the JIT compilers and the garbage collector cost, next to everything
 * else. Thread names are the kernel's ({@code comm}, at most 15 characters). Clock ticks are taken
 * as 1/100 s (Linux's {@code USER_HZ} on every common architecture). Threads that ended between two
 * samples are lost, so the groups are lower bounds; the pools sampled here live as long as the JVM.
 */
public final class ThreadCpu {
  public static final String HASHING = "hashing";
  public static final String JIT = "jit";
  public static final String GC = "gc";
  public static final String OTHER = "other";

  private static final long NANOS_PER_TICK = 10_000_000L;

  private ThreadCpu() {}

  /** Group of a thread by its kernel name. */
  public static String group(String comm) {
    if (comm.startsWith("auth-argon2")) {
      return HASHING;
    }
    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
      return JIT;
    }
    if (comm.startsWith("GC Thread")
        || comm.startsWith("G1 ")
        || comm.startsWith("VM Thread")
        || comm.startsWith("VM Periodic")) {
      return GC;
    }
    return OTHER;
  }

  /** CPU nanoseconds per group so far; empty where {@code /proc} is not there. */
  public static Map<String, Long> sample(long pid) {
    Map<String, Long> groups = new LinkedHashMap<>();
    for (String g : new String[] {HASHING, JIT, GC, OTHER}) {
      groups.put(g, 0L);
    }
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
      for (Path task : dir) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String comm = stat.substring(open + 1, close);
          long ticks = ticks(stat.substring(close + 2));
          groups.merge(group(comm), ticks * NANOS_PER_TICK, Long::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended while we read
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return groups;
  }

  /** utime + stime from the fields after {@code comm} (state is the first of them). */
  static long ticks(String afterComm) {
    String[] f = afterComm.trim().split("\\s+");
    // fields 3.. of stat: state(3) ppid(4) ... utime(14) stime(15)
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** Cores per group between two samples taken {@code wallNanos} apart. */
  public static Map<String, Double> cores(
      Map<String, Long> before, Map<String, Long> after, long wallNanos) {
    Map<String, Double> cores = new LinkedHashMap<>();
    if (before.isEmpty() || after.isEmpty() || wallNanos <= 0) {
      return cores;
    }
    after.forEach(
        (g, n) -> cores.put(g, Math.max(0, n - before.getOrDefault(g, 0L)) / (double) wallNanos));
    return cores;
  }
}
