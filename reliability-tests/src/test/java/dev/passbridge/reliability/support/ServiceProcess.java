package dev.passbridge.reliability.support;

import dev.passbridge.journeysupport.HealthProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of a service running as its own operating-system process, started from the service's
 * executable jar (the deployable artifact) with the properties the launcher gave the in-process
 * instance, on its own port. {@link #kill()} is a real {@code SIGKILL}: no shutdown hook, no
 * graceful close, in-flight requests and unsent Kafka records are lost.
 */
public final class ServiceProcess {
  /** Start-up JVM options: quick to start on two shared cores, bounded memory. */
  static final List<String> JVM =
      List.of(
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-Xss512k",
          "-Xmx384m",
          "-XX:+ExitOnOutOfMemoryError");

  private final String service;
  private final Path jar;
  private final int port;
  private final Map<String, String> properties;
  private final Path log;
  private final Path pidFile;
  private final HealthProbe health;
  private volatile Process process;
  private int starts;

  ServiceProcess(String service, Path jar, int port, Map<String, String> properties, Path dir) {
    this.service = service;
    this.jar = jar;
    this.port = port;
    this.properties = Map.copyOf(properties);
    this.log = dir.resolve("logs").resolve(service + "-b.log");
    this.pidFile = dir.resolve("pids").resolve(service + "-b.pid");
    this.health = new HealthProbe(url() + "/actuator/health");
  }

  public String service() {
    return service;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://localhost:" + port;
  }

  public Path log() {
    return log;
  }

  public synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    Files.createDirectories(log.getParent());
    Files.createDirectories(pidFile.getParent());
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(JVM);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.add("--spring.profiles.active=local");
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    Files.writeString(
        log,
        "==== start " + (++starts) + " of " + service + " on port " + port + System.lineSeparator(),
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Files.writeString(pidFile, process.pid() + " " + ProcessHandle.current().pid());
  }

  /** Waits until {@code /actuator/health} answers UP; fails if the process dies first. */
  public void awaitHealthy(Duration timeout) throws InterruptedException {
    health.awaitUp(service + " (second instance)", this::alive, log, timeout);
  }

  public boolean healthy() {
    return health.up();
  }

  public boolean alive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** SIGKILL, and wait until the process is gone. */
  public synchronized void kill() throws InterruptedException {
    Process p = process;
    if (p != null) {
      p.destroyForcibly(); // SIGKILL on Linux and macOS
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException(service + " did not die after SIGKILL");
      }
    }
  }

  public long pid() {
    return process.pid();
  }

  /** Stops it for good at the end of the run (SIGKILL as well: nothing to save). */
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
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException ignored) {
      // best effort
    }
  }

  /** Kills service processes that a killed test JVM left behind (their owner is gone). */
  static void killOrphans(Path dir) throws IOException {
    Path pids = dir.resolve("pids");
    if (!Files.isDirectory(pids)) {
      return;
    }
    try (var files = Files.newDirectoryStream(pids, "*.pid")) {
      for (Path file : files) {
        String[] parts = Files.readString(file).trim().split(" ");
        if (parts.length == 2 && parts[0].matches("\\d+") && parts[1].matches("\\d+")) {
          boolean ownerAlive =
              ProcessHandle.of(Long.parseLong(parts[1])).map(ProcessHandle::isAlive).orElse(false);
          if (!ownerAlive) {
            ProcessHandle.of(Long.parseLong(parts[0]))
                .filter(p -> p.info().commandLine().map(c -> c.contains("-jar")).orElse(false))
                .ifPresent(ProcessHandle::destroyForcibly);
          }
        }
        Files.deleteIfExists(file);
      }
    }
  }
}
