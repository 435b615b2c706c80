package dev.passbridge.production.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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
  private final String readiness;
  private final Proc proc;

  public ServiceInstance(
      String service, String name, Path jar, int port, Map<String, String> env, Path logs) {
    this.service = service;
    this.name = name;
    this.port = port;
    this.readiness = service.equals("gateway") ? "/readyz" : "/actuator/health/readiness";
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
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!proc.alive()) {
        throw new IllegalStateException(name + " exited during start-up; see " + proc.log());
      }
      if (ready()) {
        return Duration.ofNanos(System.nanoTime() - t0);
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " not ready after " + timeout + "; see " + proc.log());
  }

  public boolean ready() {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url() + readiness))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("UP");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
