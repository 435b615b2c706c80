package dev.passbridge.production.support;

import dev.passbridge.journeysupport.HealthProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One instance of a service as a container runs it: its own process, {@code java -jar
 * <service>-exec.jar} with the production profile (no {@code local} profile, no program arguments,
 * no {@code -D} properties), configured only by environment variables. Ready when its readiness
 * probe answers UP ({@code /actuator/health/readiness}; the gateway's {@code /readyz}).
 */
public final class ServiceInstance {
  /** JVM options (not configuration): quick to start on two shared cores, bounded memory. */
  static final List<String> JVM =
      List.of(
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-Xss512k",
          "-Xmx320m",
          "-XX:+ExitOnOutOfMemoryError");

  private final String service;
  private final String name;
  private final int port;
  private final HealthProbe readiness;
  private final Proc proc;

  public ServiceInstance(
      String service, String name, Path jar, int port, Map<String, String> env, Path logs) {
    this.service = service;
    this.name = name;
    this.port = port;
    this.readiness =
        new HealthProbe(
            url() + (service.equals("gateway") ? "/readyz" : "/actuator/health/readiness"));
    List<String> command = new ArrayList<>();
    command.add(Proc.java());
    command.addAll(JVM);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    this.proc = new Proc(name, command, env, logs.resolve(name + ".log"));
  }

  public String service() {
    return service;
  }

  public String name() {
    return name;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public Proc proc() {
    return proc;
  }

  public void start() throws IOException {
    proc.start();
  }

  public void kill() throws InterruptedException {
    proc.kill();
  }

  /** Waits until ready; fails at once if the process exits. Returns the time waited. */
  public Duration awaitReady(Duration timeout) throws InterruptedException {
    return readiness.awaitUp(name, proc::alive, proc.log(), timeout);
  }

  public boolean ready() {
    return readiness.up();
  }

  @Override
  public String toString() {
    return name;
  }
}
