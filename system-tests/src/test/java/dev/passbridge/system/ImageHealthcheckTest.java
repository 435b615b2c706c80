package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The image's HEALTHCHECK script ({@code deploy/docker/healthcheck}), run with bash as the
 * container runs it, against real servers: ready only on a 200 from {@code HEALTH_PATH} on {@code
 * SERVER_PORT}. The eclipse-temurin 25 images have no curl, which the check used before: every
 * container stayed unhealthy and compose never started the services that wait for it.
 */
class ImageHealthcheckTest {
  static final Path SCRIPT = ComposeFileTest.ROOT.resolve("deploy/docker/healthcheck");

  @Test
  void aTwoHundredFromTheHealthPathIsHealthy() throws Exception {
    AtomicReference<String> asked = new AtomicReference<>();
    HttpServer server = answering(200, asked);
    try {
      assertThat(run(server.getAddress().getPort(), "/actuator/health/readiness")).isZero();
      assertThat(asked.get()).isEqualTo("GET /actuator/health/readiness");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anythingElseIsUnhealthy() throws Exception {
    for (int status : new int[] {503, 404, 302, 500}) {
      HttpServer server = answering(status, new AtomicReference<>());
      try {
        assertThat(run(server.getAddress().getPort(), "/readyz")).as("%d", status).isNotZero();
      } finally {
        server.stop(0);
      }
    }
  }

  @Test
  void noListenerOrNoAnswerIsUnhealthy() throws Exception {
    int closed;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = free.getLocalPort();
    }
    assertThat(run(closed, "/readyz")).isNotZero();
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(run(silent.getLocalPort(), "/readyz")).as("accepts, never answers").isNotZero();
    }
  }

  @Test
  void theImageRunsTheScriptAndNoCurl() throws IOException {
    String dockerfile = Files.readString(ComposeFileTest.ROOT.resolve("Dockerfile"));
    assertThat(dockerfile)
        .contains("COPY deploy/docker/healthcheck /usr/local/bin/passbridge-healthcheck")
        .contains("CMD [\"/usr/local/bin/passbridge-healthcheck\"]")
        .doesNotContainPattern("(?m)^[^#]*\\bcurl\\b");
    assertThat(Files.readAllLines(ComposeFileTest.ROOT.resolve(".dockerignore")))
        .as("the build context admits the script")
        .contains("!deploy/docker/healthcheck");
    assertThat(Files.getPosixFilePermissions(SCRIPT))
        .contains(PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_READ);
  }

  private static HttpServer answering(int status, AtomicReference<String> asked)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    server.createContext(
        "/",
        exchange -> {
          asked.set(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          byte[] body = "{\"status\":\"UP\"}".getBytes();
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  /** The script's exit code, as the container's healthcheck runs it (its ENV, no arguments). */
  private static int run(int port, String path) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
    builder.environment().put("SERVER_PORT", String.valueOf(port));
    builder.environment().put("HEALTH_PATH", path);
    Process process = builder.start();
    try {
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("ends by itself").isTrue();
      return process.exitValue();
    } finally {
      process.destroyForcibly();
    }
  }
}
