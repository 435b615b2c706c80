package dev.passbridge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.support.Backends;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the gateway adds to a request, measured on this machine (shared, 2 cores: numbers are
 * indicative): sequential latency straight to a stub service versus through the gateway on a public
 * route, a session-checked route (JWT verify + Redis revocation lookup) and a rate-limited route
 * (Redis GCRA script), plus throughput with 16 concurrent clients. Written to {@code
 * target/gateway-overhead.txt} and the test log.
 */
class GatewayOverheadIT extends AbstractGatewayIT {
  private static final int WARM_UP = 300;
  private static final int REQUESTS = 1500;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private long[] measure(HttpRequest request) throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
      send(request);
    }
    long[] nanos = new long[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      long start = System.nanoTime();
      send(request);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private void send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).as(request.uri().toString()).isEqualTo(200);
  }

  private static double millis(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
  }

  private HttpRequest.Builder gateway(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  @Test
  void measuresWhatTheGatewayAdds() throws Exception {
    String session = Backends.userSession(UUID.randomUUID());
    Map<String, HttpRequest> cases = new LinkedHashMap<>();
    cases.put(
        "direct to the stub service",
        HttpRequest.newBuilder(URI.create(Backends.AUTH_1.uri() + "/api/auth/ping")).build());
    cases.put("gateway, public route", gateway("/api/auth/ping").build());
    cases.put(
        "gateway, session check (GET /api/me)",
        gateway("/api/me").header("Cookie", "pb_session=" + session).build());
    cases.put(
        "gateway, rate-limited POST",
        gateway("/api/passkeys/login/options")
            .header("Origin", ORIGIN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build());

    List<String> lines = new ArrayList<>();
    lines.add("sequential latency, %d requests after %d warm-up (ms)".formatted(REQUESTS, WARM_UP));
    Map<String, Double> p50 = new LinkedHashMap<>();
    for (var entry : cases.entrySet()) {
      long[] sorted = measure(entry.getValue());
      p50.put(entry.getKey(), millis(sorted, 0.5));
      lines.add(
          "  %-40s p50 %6.2f  p90 %6.2f  p99 %6.2f"
              .formatted(
                  entry.getKey(), millis(sorted, 0.5), millis(sorted, 0.9), millis(sorted, 0.99)));
    }
    lines.add(
        throughput(
            "gateway, session check, 16 clients, 3 s",
            cases.get("gateway, session check (GET /api/me)")));
    String report = String.join("\n", lines);
    System.out.println(report);
    Files.writeString(Path.of("target", "gateway-overhead.txt"), report + "\n");

    // generous bounds: they catch a blocking call on the event loop, not a few percent
    assertThat(p50.get("gateway, public route")).isLessThan(25.0);
    assertThat(p50.get("gateway, session check (GET /api/me)")).isLessThan(25.0);
  }

  private String throughput(String name, HttpRequest request) throws Exception {
    AtomicInteger done = new AtomicInteger();
    long end = System.nanoTime() + 3_000_000_000L;
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < 16; c++) {
        futures.add(
            clients.submit(
                () -> {
                  while (System.nanoTime() < end) {
                    send(request);
                    done.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }
    return "  %-40s %6.0f requests/s".formatted(name, done.get() / 3.0);
  }
}
