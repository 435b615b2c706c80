package dev.passbridge.production.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An operating-system process this test started: a clean environment (only what is given, as a
 * container gets it), output appended to a log file, {@link #kill()} is a real {@code SIGKILL}.
 * Every instance is registered in {@link Cleanup}, which stops it by pid at the end of the run.
 */
public final class Proc {
  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private volatile Process process;
  private int starts;

  public Proc(String name, List<String> command, Map<String, String> environment, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.log = log;
    Cleanup.register(this);
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public synchronized void start() throws IOException {
    if (alive()) {
      return;
    }
    Files.createDirectories(log.getParent());
    Files.writeString(
        log,
        "==== start " + (++starts) + " of " + name + System.lineSeparator(),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.clear(); // nothing of the build's environment leaks in
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("LANG", "C.UTF-8");
    env.putAll(environment);
    process = builder.start();
  }

  public boolean alive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL, and wait until the process is gone. */
  public synchronized void kill() throws InterruptedException {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroyForcibly(); // SIGKILL on Linux
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " did not die after SIGKILL");
      }
    }
  }

  /** Stops it for good (by pid, with its children), at the end of the run. */
  synchronized void destroy() {
    Process p = process;
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The JDK this test runs on (25), for the child processes. */
  public static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  @Override
  public String toString() {
    return name;
  }
}
