package dev.passbridge.bench.sut;

import dev.passbridge.launcher.Launcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
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
   * <p>{@link System#gc()} keeps softly reachable objects, and a stopped service stays softly
   * reachable: Spring Boot's data-source metrics keep each data source in a static cache of soft
   * references, and through it the closed context's beans (a stopped auth-service's user-agent
   * analyser, about 110 MB). The JVM clears every soft reference before it throws an {@link
   * OutOfMemoryError}, so one allocation larger than the heap does what no API offers. Skipped when
   * the JVM was told to exit or crash on such an error.
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

  private static void clearSoftReferences() {
    if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(a -> a.contains("OnOutOfMemoryError"))) {
      return;
    }
    try {
      long[] tooLarge =
          new long[(int) Math.min(Integer.MAX_VALUE - 16, Runtime.getRuntime().maxMemory())];
      tooLarge[0] = 1; // not reached while the heap is smaller than 16 GB
    } catch (OutOfMemoryError expected) {
      // every soft reference is cleared by now
    }
  }

  long closeServiceAndCollect(String service) {
    launcher.closeService(service);
    return liveHeapAfterGc();
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
