package dev.passbridge.production.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the run started or created, undone in reverse order: in the test's {@code finally}
 * (always) and, should the JVM exit another way, in a shutdown hook. Each step runs once.
 */
public final class Cleanup {
  private static final List<Proc> PROCESSES = new ArrayList<>();
  private static final List<Runnable> STEPS = new ArrayList<>();
  private static boolean hooked;

  private Cleanup() {}

  static synchronized void register(Proc proc) {
    hook();
    PROCESSES.add(proc);
  }

  /** A step (stop a server, drop a database) to run after every process is stopped. */
  public static synchronized void onEnd(Runnable step) {
    hook();
    STEPS.add(step);
  }

  private static void hook() {
    if (!hooked) {
      hooked = true;
      Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::run, "production-cleanup"));
    }
  }

  public static synchronized void run() {
    for (int i = PROCESSES.size() - 1; i >= 0; i--) {
      PROCESSES.get(i).destroy();
    }
    PROCESSES.clear();
    for (int i = STEPS.size() - 1; i >= 0; i--) {
      try {
        STEPS.get(i).run();
      } catch (RuntimeException e) {
        System.err.println("cleanup step failed: " + e);
      }
    }
    STEPS.clear();
  }
}
