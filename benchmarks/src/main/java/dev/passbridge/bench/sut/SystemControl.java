package dev.passbridge.bench.sut;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.passbridge.launcher.Launcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * What the load generator may do inside the system's JVM: collect garbage and read the live heap,
 * stop one service, record with JFR. Used in-process (smoke test) and behind {@link ControlServer}
 * (the benchmark, system in its own JVM).
 */
final class SystemControl {
  private final Launcher launcher;
  private Recording recording;
  private Path recordingFile;

  SystemControl(Launcher launcher) {
    this.launcher = launcher;
  }

  Launcher launcher() {
    return launcher;
  }

  /**
   * The strongly reachable heap: two full collections (the second catches what finalisation-like
   * cleaners released) after softly reachable objects were let go, then the heap in use.
   *
   * <p>{@link System#gc()} keeps softly reachable objects used lately, and a stopped service stays
   * softly reachable: Spring Boot's data-source metrics keep each data source in a static cache of
   * soft references, and through it the closed context's beans (a stopped auth-service's user-agent
   * analyser, about 110 MB). The JVM clears every soft reference before it throws an {@link
   * OutOfMemoryError}, so one allocation larger than the heap does what no API offers. Skipped for
   * heaps over 15 GB and when the JVM dumps, exits, crashes or runs a command on such an error.
   */
  static long liveHeapAfterGc() {
    clearSoftReferences();
    for (int i = 0; i < 2; i++) {
      System.gc();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** One array of longs is at most 16 GB: it must be larger than the heap. */
  private static final long MAX_HEAP_TO_OVERFLOW = 15L << 30;

  private static void clearSoftReferences() {
    long maxHeap = Runtime.getRuntime().maxMemory();
    if (maxHeap > MAX_HEAP_TO_OVERFLOW || actsOnOutOfMemoryError()) {
      return;
    }
    try {
      // as many longs as the heap has bytes (8 times the heap), or 16 GB: at least twice the heap
      long[] tooLarge = new long[(int) Math.min(maxHeap, Integer.MAX_VALUE - 16)];
      tooLarge[0] = 1;
    } catch (OutOfMemoryError expected) {
      // every soft reference is cleared by now
    }
  }

  /** Whether the JVM dumps, exits, crashes or runs a command on an {@link OutOfMemoryError}. */
  private static boolean actsOnOutOfMemoryError() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    try {
      for (String flag :
          List.of(
              "HeapDumpOnOutOfMemoryError", "ExitOnOutOfMemoryError", "CrashOnOutOfMemoryError")) {
        if (Boolean.parseBoolean(vm.getVMOption(flag).getValue())) {
          return true;
        }
      }
      return !vm.getVMOption("OnOutOfMemoryError").getValue().isBlank();
    } catch (IllegalArgumentException unknownFlag) {
      return true;
    }
  }

  /** How long a stopped service's heap is given to become collectable. */
  static final Duration SETTLE = Duration.ofSeconds(10);

  /**
   * Stops the service and reads the live heap once it has settled: again every second while it
   * still falls by more than 1 MB, for at most {@link #SETTLE}. A stopped service's objects can
   * stay reachable for a few seconds after its context closed: a request it was still serving, a
   * long-poll's timeout task ({@code POST /api/auth/session} waits up to seconds), a client's
   * threads that end after a quiet period. A single reading right after the close put
   * auth-service's user-agent analyser (about 110 MB) in "the rest" in one run of four.
   */
  long closeServiceAndCollect(String service) {
    launcher.closeService(service);
    long deadline = System.nanoTime() + SETTLE.toNanos();
    long live = liveHeapAfterGc();
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return live;
      }
      long again = liveHeapAfterGc();
      boolean falling = again < live - (1L << 20);
      live = Math.min(live, again);
      if (!falling) {
        return live;
      }
    }
    return live;
  }

  synchronized void startJfr(Path file) {
    if (recording != null) {
      throw new IllegalStateException("a recording is running");
    }
    try {
      Recording r = new Recording(Configuration.getConfiguration("profile"));
      r.setName("passbridge-benchmark");
      r.setToDisk(true);
      r.start();
      recording = r;
      recordingFile = file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  synchronized void stopJfr() {
    if (recording == null) {
      return;
    }
    try {
      recording.stop();
      Files.createDirectories(recordingFile.toAbsolutePath().getParent());
      recording.dump(recordingFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      recording.close();
      recording = null;
    }
  }

  static String jvmDescription() {
    var runtime = ManagementFactory.getRuntimeMXBean();
    return runtime.getVmName()
        + " "
        + runtime.getVmVersion()
        + " ("
        + System.getProperty("java.vendor")
        + "), flags: "
        + String.join(
            " ", runtime.getInputArguments().stream().filter(a -> !a.startsWith("-D")).toList())
        + ", GC: "
        + String.join(
            "+",
            ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList())
        + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024)
        + " MiB, "
        + Runtime.getRuntime().availableProcessors()
        + " CPUs";
  }
}
