package dev.passbridge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, end to end: the executable jar starts Kafka, Redis and the five
 * services; every service reports UP; SIGTERM stops everything and leaves no process behind.
 */
class LauncherIT {
  private static final int GATEWAY = 18080;
  private static final int BASE = 18081;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void startsEveryServiceAndStopsCleanlyOnSigterm() throws Exception {
    Path jar = Path.of("target", "passbridge-launcher.jar");
    assertThat(jar).exists();
    String java = ProcessHandle.current().info().command().orElse("java");
    Path state = Files.createDirectories(Path.of("target", "launcher-it"));
    Path log = state.resolve("launcher.log");
    Process process =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dpassbridge.gateway-port=" + GATEWAY,
                "-Dpassbridge.service-port-base=" + BASE,
                "-Dpassbridge.kafka-port=19092",
                "-Dpassbridge.redis-port=16379",
                "-Dpassbridge.state-dir=" + state.toAbsolutePath(),
                "-jar",
                jar.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      long t0 = System.nanoTime();
      // the gateway's actuator is on its management port (base + 9), never on the public port
      List<Integer> ports = List.of(BASE + 9, BASE, BASE + 1, BASE + 2, BASE + 3);
      List<Integer> pending = new ArrayList<>(ports);
      long deadline = t0 + TimeUnit.SECONDS.toNanos(150);
      while (!pending.isEmpty() && System.nanoTime() < deadline && process.isAlive()) {
        pending.removeIf(LauncherIT::isUp);
        Thread.sleep(250);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("launcher: all services UP after %.1f s%n", seconds);
      assertThat(pending).as("services not UP; see %s", log).isEmpty();
      assertThat(isUp(GATEWAY)).as("actuator is not served on the public port").isFalse();

      List<ProcessHandle> children = process.descendants().toList();
      assertThat(children)
          .as("the embedded redis-server runs as a child process")
          .anySatisfy(p -> assertThat(p.info().command().orElse("")).contains("redis-server"));

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher exits after SIGTERM").isTrue();
      for (ProcessHandle child : children) {
        child.onExit().get(10, TimeUnit.SECONDS);
        assertThat(child.isAlive()).as("child %s after shutdown", child.pid()).isFalse();
      }
      assertThat(Files.readString(log)).contains("Passbridge stopped.");
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static boolean isUp(int port) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"UP\"");
    } catch (Exception e) {
      return false;
    }
  }
}
