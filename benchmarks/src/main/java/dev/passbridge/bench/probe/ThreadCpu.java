package dev.passbridge.bench.probe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of a process's threads by group, from {@code /proc/<pid>/task/<tid>/stat}: what the
 * Argon2id hashing threads, the JIT compilers and the garbage collector cost, next to everything
 * else. Thread names are the kernel's ({@code comm}, at most 15 characters). Clock ticks are taken
 * as 1/100 s (Linux's {@code USER_HZ} on every common architecture).
 *
 * <p>"Everything else" ({@link #OTHER}) is also split by what the threads do ({@link #PARTS}: the
 * gateway's Netty threads, the services' request threads, the Kafka broker, Kafka Streams, the
 * Redis client, the rest), as {@code other.<part>} next to the total. Services that share a JVM
 * share its virtual-thread carriers, so "request threads" is the four servlet services together;
 * the Kafka listeners' own threads (consumer and handler) are in the rest.
 *
 * <p>Differences are taken thread by thread: a thread that started between two samples counts with
 * all its CPU, one that ended is left out (what it used between the first sample and its end is
 * lost, so the groups are lower bounds) and never takes the CPU of the others with it. The JVM
 * stops surplus JIT compiler threads when their queue runs dry ({@code
 * UseDynamicNumberOfCompilerThreads}); summing a group before subtracting made such a slice read
 * 0.00 cores.
 */
public final class ThreadCpu {
  public static final String HASHING = "hashing";
  public static final String JIT = "jit";
  public static final String GC = "gc";
  public static final String OTHER = "other";

  /** The parts of {@link #OTHER}, each reported as {@code other.<part>}. */
  public static final List<String> PARTS =
      List.of("gateway", "requests", "broker", "streams", "redis", "rest");

  private static final long NANOS_PER_TICK = 10_000_000L;

  private ThreadCpu() {}

  /** One thread's group and CPU nanoseconds so far. */
  public record ThreadTime(String group, long nanos) {}

  /** CPU so far of every thread of a process, by thread id; empty where there is no process. */
  public record Sample(Map<Long, ThreadTime> threads) {
    public static final Sample NONE = new Sample(Map.of());

    public boolean isEmpty() {
      return threads.isEmpty();
    }
  }

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
    return OTHER + "." + part(comm);
  }

  /**
   * Which part of "everything else" a thread is, by its kernel name (15 characters at most). The
   * JFR summary's {@code JfrSummary.threadGroup} names components from full Java thread names
   * (listener ids, ports); it is not reused here because the kernel cuts names to 15 characters
   * ({@code data-plane-kafk}, {@code intelligence-se}), so its tests on full names do not hold.
   */
  static String part(String comm) {
    if (comm.startsWith("reactor-http-")) {
      return "gateway"; // Spring Cloud Gateway's Netty server and client event loops
    }
    if (comm.startsWith("ForkJoinPool-") || comm.startsWith("http-nio-")) {
      return "requests"; // virtual-thread carriers (Tomcat's handlers), Tomcat's pollers
    }
    if (comm.startsWith("data-plane-")
        || comm.startsWith("group-coordinat")
        || comm.startsWith("share-coordinat")
        || comm.startsWith("transaction-")
        || comm.startsWith("TxnMarkerSender")
        || comm.startsWith("quorum-controll")
        || comm.startsWith("raft-")
        || comm.startsWith("ExpirationReape")
        || comm.startsWith("kafka-log-clean")
        || comm.startsWith("kafka-schedule")
        || comm.startsWith("broker-")
        || comm.startsWith("controller-")
        || comm.matches("kafka-\\d.*")) {
      return "broker";
    }
    if (comm.startsWith("intelligence-")) {
      return "streams"; // the StreamThreads and the GlobalStreamThread of intelligence-service
    }
    if (comm.startsWith("lettuce-")) {
      return "redis";
    }
    return "rest";
  }

  /** CPU of every thread so far; {@link Sample#NONE} where {@code /proc} is not there. */
  public static Sample sample(long pid) {
    Map<Long, ThreadTime> threads = new HashMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
      for (Path task : dir) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String comm = stat.substring(open + 1, close);
          long ticks = ticks(stat.substring(close + 2));
          threads.put(
              Long.parseLong(task.getFileName().toString()),
              new ThreadTime(group(comm), ticks * NANOS_PER_TICK));
        } catch (IOException | RuntimeException e) {
          // the thread ended while we read
        }
      }
    } catch (IOException | RuntimeException e) {
      return Sample.NONE;
    }
    return new Sample(Map.copyOf(threads));
  }

  /** utime + stime from the fields after {@code comm} (state is the first of them). */
  static long ticks(String afterComm) {
    String[] f = afterComm.trim().split("\\s+");
    // fields 3.. of stat: state(3) ppid(4) ... utime(14) stime(15)
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * Cores per group between two samples taken {@code wallNanos} apart, every group present; empty
   * when either sample is.
   */
  public static Map<String, Double> cores(Sample before, Sample after, long wallNanos) {
    Map<String, Double> cores = new LinkedHashMap<>();
    if (before.isEmpty() || after.isEmpty() || wallNanos <= 0) {
      return cores;
    }
    Map<String, Long> used = new LinkedHashMap<>();
    for (String g : new String[] {HASHING, JIT, GC, OTHER}) {
      used.put(g, 0L);
    }
    PARTS.forEach(part -> used.put(OTHER + "." + part, 0L));
    after
        .threads()
        .forEach(
            (tid, now) -> {
              ThreadTime then = before.threads().get(tid);
              // a thread id the kernel gave again to a new thread: that thread started in between
              long from = then != null && then.group().equals(now.group()) ? then.nanos() : 0;
              long nanos = Math.max(0, now.nanos() - from);
              used.merge(now.group(), nanos, Long::sum);
              if (now.group().startsWith(OTHER + ".")) {
                used.merge(OTHER, nanos, Long::sum);
              }
            });
    used.forEach((g, n) -> cores.put(g, n / (double) wallNanos));
    return cores;
  }
}
