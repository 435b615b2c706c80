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
   * Two full collections (the second catches what finalisation-like cleaners released), then the
   * heap in use.
   */
  static long liveHeapAfterGc() {
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

  long closeServiceAndCollect(String service) {
    launcher.context(service).close();
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
