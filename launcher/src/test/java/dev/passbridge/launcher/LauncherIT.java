package dev.passbridge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, end to end: the executable jar starts Kafka, Redis and the five
 * services; every service reports UP; Connect clients of the environment are known beside the
 * example shop; SIGTERM stops everything and leaves no process behind.
 */
class LauncherIT {
  // free ports, never fixed ones: a launcher a person is running (8080, 9092, 6379) or another
  // build on the machine must not collide with this test, and no test may stop a process by name
  private static final int GATEWAY = freePortBlock(1);
  // services at BASE..BASE+3, the gateway's management port at BASE+9
  private static final int BASE = freePortBlock(10);
  // the broker at KAFKA, its controller at KAFKA+1
  private static final int KAFKA = freePortBlock(2);
  private static final int REDIS = freePortBlock(1);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void startsEveryServiceAndStopsCleanlyOnSigterm() throws Exception {
    Path jar = Path.of("target", "passbridge-launcher.jar");
    assertThat(jar).exists();
    String java = ProcessHandle.current().info().command().orElse("java");
    Path state = Files.createDirectories(Path.of("target", "launcher-it"));
    Path log = state.resolve("launcher.log");
    ProcessBuilder launch =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dpassbridge.gateway-port=" + GATEWAY,
                "-Dpassbridge.service-port-base=" + BASE,
                "-Dpassbridge.kafka-port=" + KAFKA,
                "-Dpassbridge.redis-port=" + REDIS,
                "-Dpassbridge.state-dir=" + state.toAbsolutePath(),
                // all four servlet services at once, more than this machine's cores: the
                // hardest case for what they share in one JVM (logging, the fresh broker)
                "-Dpassbridge.parallel-starts=4",
                "-jar",
                jar.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Connect clients in the environment, as the README names them: the example shop's and a
    // second one; the launcher's own shop client hid them all (the second got 401 invalid-client)
    String client = "PASSBRIDGE_CONNECT_CLIENTS_";
    launch.environment().put(client + "0_CLIENTID", "shop");
    launch.environment().put(client + "0_SECRETHASHES_0", hash(Launcher.SHOP_CLIENT_SECRET));
    launch.environment().put(client + "0_ORIGINS_0", "http://localhost:" + (BASE + 9));
    launch.environment().put(client + "1_CLIENTID", OTHER_CLIENT);
    launch.environment().put(client + "1_SECRETHASHES_0", hash(OTHER_SECRET));
    launch.environment().put(client + "1_ORIGINS_0", "http://localhost:" + GATEWAY);
    Process process = launch.start();
    try {
      long t0 = System.nanoTime();
      // the gateway's actuator is on its management port (base + 8), never on the public port;
      // the example shop is on base + 9
      List<Integer> ports = List.of(BASE + 8, BASE, BASE + 1, BASE + 2, BASE + 3, BASE + 9);
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
      // in the local profile only the gateway's public port listens beyond this machine: the
      // services and the gateway's actuator are on the loopback interface
      Optional<InetAddress> external = externalAddress();
      if (external.isPresent()) {
        assertThat(accepts(external.get(), GATEWAY)).as("the gateway on %s", external).isTrue();
        for (int port : List.of(BASE, BASE + 1, BASE + 2, BASE + 3, BASE + 8)) {
          assertThat(accepts(external.get(), port)).as("port %d on %s", port, external).isFalse();
        }
      }

      // both clients of the environment are known at the gateway and at passkey-service
      for (String[] c :
          List.of(
              new String[] {Launcher.SHOP_CLIENT_ID, Launcher.SHOP_CLIENT_SECRET},
              new String[] {OTHER_CLIENT, OTHER_SECRET})) {
        HttpResponse<String> passkeys = connectPasskeys(c[0], c[1]);
        assertThat(passkeys.statusCode()).as("%s: %s", c[0], passkeys.body()).isEqualTo(200);
        assertThat(passkeys.body()).isEqualTo("[]");
      }
      assertThat(connectPasskeys(OTHER_CLIENT, "wrong-secret").statusCode()).isEqualTo(401);

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
      String console = Files.readString(log);
      assertThat(console).contains("Passbridge stopped.");
      // the console is for a person: plain lines, no JSON, and the banner with the URL and the
      // demo users
      assertThat(console.lines().filter(line -> line.startsWith("{")))
          .as("JSON lines on the local console")
          .isEmpty();
      assertThat(console)
          .contains("Passbridge is up in")
          .contains("open http://localhost:" + GATEWAY)
          .contains("alice / passbridge-alice-1")
          .contains("Example shop (Connect mode): open http://localhost:" + (BASE + 9));
      // the services start side by side in one JVM with one logging system: each one's own
      // start-up lines reach the console (none of them muted by another's start), no error
      assertThat(console)
          .contains("auth-service up on port", "otp-service up on port")
          .contains("intelligence-service up on port", "passkey-service up on port")
          .contains("gateway up on port", "shop up on port")
          .contains("demo user alice created") // auth-service
          .contains("login results signed with key") // passkey-service
          .contains("Kafka Streams state REBALANCING -> RUNNING") // intelligence-service
          .contains("Redis connection open for session checks") // gateway
          .doesNotContain(" ERROR ");
      // Redis outlives the services at shutdown: no client of theirs lost it while closing
      assertThat(console).doesNotContain("Cannot reconnect");
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static final String OTHER_CLIENT = "other";
  private static final String OTHER_SECRET = "other-launcher-it-secret-5d81c2";

  private static String hash(String secret) {
    return "sha256:" + Launcher.sha256Hex(secret);
  }

  /** A Connect client's server API call through the gateway: an unknown user's passkeys. */
  private static HttpResponse<String> connectPasskeys(String clientId, String secret)
      throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + GATEWAY + "/connect/v1/users/u-1/passkeys"))
            .header("Authorization", "Basic " + basic)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The first port of {@code size} consecutive free ones, from a range above the usual fixed ports
   * (checked by binding; another process could take one between this check and the launch, which
   * makes the test fail loudly, never hit someone else's process).
   */
  private static int freePortBlock(int size) {
    Random random = new Random();
    for (int attempt = 0; attempt < 200; attempt++) {
      int first = 10_000 + random.nextInt(22_000 - size);
      if (IntStream.range(first, first + size).allMatch(LauncherIT::isFree)) {
        return first;
      }
    }
    throw new IllegalStateException("no block of " + size + " free ports");
  }

  private static boolean isFree(int port) {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
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

  /** An IPv4 address of this machine that is not the loopback one, if it has one. */
  private static Optional<InetAddress> externalAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address)
        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .findFirst();
  }

  private static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
