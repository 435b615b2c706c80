package dev.passbridge.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU went in a JFR recording of the system under load: execution samples by thread group
 * (which service or component), the hottest methods (self and inclusive), allocation by class, and
 * GC pauses. {@code main} prints it for any recording.
 */
public final class JfrSummary {
  private JfrSummary() {}

  public record Row(String name, long count, double percent) {}

  /**
   * @param markers samples whose stack holds a known hot piece (Argon2id, ECDSA verify and sign),
   *     as a share of all samples: the piece's share of the system's Java CPU in the phase
   */
  public record Profile(
      String phase,
      String file,
      long samples,
      List<Row> markers,
      List<Row> threads,
      List<Row> selfMethods,
      List<Row> inclusiveMethods,
      List<Row> allocations,
      long gcCount,
      double gcPauseMillis,
      double seconds) {}

  public static void main(String[] args) throws IOException {
    Profile p = read(args.length > 1 ? args[1] : "recording", Path.of(args[0]), 30);
    System.out.println(
        p.samples()
            + " samples, "
            + p.seconds()
            + " s, GC "
            + p.gcCount()
            + " pauses "
            + p.gcPauseMillis()
            + " ms");
    print("markers", p.markers());
    print("threads", p.threads());
    print("self", p.selfMethods());
    print("inclusive", p.inclusiveMethods());
    print("allocation", p.allocations());
  }

  private static void print(String title, List<Row> rows) {
    System.out.println("== " + title);
    rows.forEach(r -> System.out.printf("%6.1f%%  %8d  %s%n", r.percent(), r.count(), r.name()));
  }

  /** Known hot pieces: label → a frame that only they have. */
  static final Map<String, String> MARKERS =
      new java.util.LinkedHashMap<>(
          Map.of(
              "Argon2id (auth-service's hasher)",
              "dev.passbridge.auth.password.Argon2id.",
              "ES256 verify (SunEC ECDSA)",
              "sun.security.ec.ECDSASignature.engineVerify",
              "ES256 sign (SunEC ECDSA)",
              "sun.security.ec.ECDSASignature.engineSign"));

  public static Profile read(String phase, Path file, int top) throws IOException {
    Map<String, Long> markerCounts = new HashMap<>();
    Map<String, Long> threads = new HashMap<>();
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> inclusive = new HashMap<>();
    Map<String, Long> allocations = new HashMap<>();
    long samples = 0;
    long allocationTotal = 0;
    long gcCount = 0;
    Duration gcPause = Duration.ZERO;
    java.time.Instant first = null;
    java.time.Instant last = null;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent e = recording.readEvent();
        String type = e.getEventType().getName();
        switch (type) {
          case "jdk.ExecutionSample" -> {
            samples++;
            if (first == null || e.getStartTime().isBefore(first)) {
              first = e.getStartTime();
            }
            if (last == null || e.getStartTime().isAfter(last)) {
              last = e.getStartTime();
            }
            var thread = e.getThread("sampledThread");
            String name = thread == null ? "?" : thread.getJavaName();
            threads.merge(threadGroup(name), 1L, Long::sum);
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
              continue;
            }
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(method(frames.getFirst()), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
              String m = method(f);
              if (seen.add(m)) {
                inclusive.merge(m, 1L, Long::sum);
              }
            }
            for (var marker : MARKERS.entrySet()) {
              if (seen.stream().anyMatch(m -> m.startsWith(marker.getValue()))) {
                markerCounts.merge(marker.getKey(), 1L, Long::sum);
              }
            }
          }
          case "jdk.ObjectAllocationSample" -> {
            long weight = e.getLong("weight");
            allocationTotal += weight;
            var cls = e.getClass("objectClass");
            allocations.merge(cls == null ? "?" : cls.getName(), weight, Long::sum);
          }
          case "jdk.GarbageCollection" -> {
            gcCount++;
            gcPause = gcPause.plus(e.getDuration("sumOfPauses"));
          }
          default -> {
            // not summarised
          }
        }
      }
    }
    double seconds = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
    List<Row> markers = new ArrayList<>();
    for (String label : MARKERS.keySet()) {
      long n = markerCounts.getOrDefault(label, 0L);
      markers.add(new Row(label, n, samples == 0 ? 0 : 100.0 * n / samples));
    }
    return new Profile(
        phase,
        file.getFileName().toString(),
        samples,
        markers,
        top(threads, samples, top),
        top(self, samples, top),
        top(inclusive, samples, top * 2),
        top(allocations, allocationTotal, top),
        gcCount,
        gcPause.toNanos() / 1e6,
        seconds);
  }

  private static List<Row> top(Map<String, Long> counts, long total, int n) {
    List<Row> rows = new ArrayList<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(n)
        .forEach(
            e ->
                rows.add(
                    new Row(
                        e.getKey(), e.getValue(), total == 0 ? 0 : 100.0 * e.getValue() / total)));
    return rows;
  }

  private static String method(RecordedFrame f) {
    var m = f.getMethod();
    if (m == null) {
      return "?";
    }
    String cls = m.getType().getName();
    return cls + "." + m.getName();
  }

  /** Thread names → the component that owns the thread. */
  static String threadGroup(String name) {
    if (name == null) {
      return "?";
    }
    String n = name.replaceAll("\\d+", "#");
    if (n.startsWith("reactor-http-nio") || n.startsWith("reactor-http-epoll")) {
      return "gateway (Netty event loops)";
    }
    if (n.startsWith("lettuce-")) {
      return "Redis client (Lettuce event loops)";
    }
    if (n.startsWith("data-plane-kafka")
        || n.startsWith("kafka-") && n.contains("network-thread") && !n.contains("producer")
        || n.startsWith("ExpirationReaper")
        || n.startsWith("broker-")
        || n.startsWith("quorum-")
        || n.startsWith("raft-")
        || n.startsWith("kafka-log")
        || n.startsWith("LogDirFailureHandler")
        || n.startsWith("controller-")
        || n.startsWith("data-plane")
        || n.startsWith("kafka-request-handler")) {
      return "Kafka broker";
    }
    if (n.startsWith("kafka-producer-network-thread")) {
      return "Kafka producers (I/O threads)";
    }
    if (n.contains("StreamThread") || n.startsWith("intelligence-service")) {
      return "intelligence-service (Kafka Streams)";
    }
    if (n.startsWith("http-nio-#-exec")
        || n.startsWith("http-nio-#-Poller")
        || n.startsWith("http-nio-#-Acceptor")) {
      return "Tomcat " + name.replaceAll("http-nio-(\\d+)-.*", "port $1");
    }
    if (n.startsWith("tomcat-handler")) {
      return "Tomcat (virtual threads)";
    }
    if (n.contains("-C-#")
        || n.contains("KafkaListener")
        || n.contains("-kafka-listener")
        || n.contains("ConsumerContainer")) {
      return "Kafka listeners: " + name.replaceAll("-\\d+-C-\\d+", "").replaceAll("#", "");
    }
    if (n.startsWith("G#") || n.startsWith("GC") || n.contains("G1") || n.startsWith("VM Thread")) {
      return "GC / VM";
    }
    if (n.startsWith("C#") || n.contains("CompilerThread")) {
      return "JIT compiler";
    }
    if (n.isEmpty()) {
      return "virtual threads (unnamed)";
    }
    return n;
  }
}
