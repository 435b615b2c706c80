package dev.passbridge.production.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The load balancer in front of the two gateways, in this JVM on a free port: an HTTP (layer 7)
 * round robin, as a cloud load balancer or nginx behaves by default.
 *
 * <ul>
 *   <li>each request goes to the next gateway; a gateway that refuses the connection is skipped
 *       (the request never left, so this is safe for every method);
 *   <li>a request that failed after it may have reached a gateway (reset, no answer) is retried on
 *       the other gateway only if it is a GET; otherwise the client gets {@code 502} with {@code
 *       Retry-After: 1} and the header {@link #ERROR_HEADER} (the load balancer's own answer);
 *   <li>an idle client connection is kept 75 s (the test JVM's {@code
 *       sun.net.httpserver.idleInterval}, set in the module's pom), as nginx keeps it, longer than
 *       the simulated browsers' JDK clients keep theirs (30 s): with both at 30 s, a POST sent on a
 *       connection the server was just closing got no answer at all;
 *   <li>{@code X-Forwarded-For} is passed on as the simulated browser sent it: each browser plays
 *       its own client address, as the load balancer would have appended it (the gateways trust one
 *       hop).
 * </ul>
 */
public final class RoundRobin implements AutoCloseable {
  /** Marks an answer written by the load balancer itself. */
  public static final String ERROR_HEADER = "X-Round-Robin-Error";

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "upgrade",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "proxy-connection",
          "http2-settings");

  private final HttpServer server;
  private final List<String> backends;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLongArray served;
  private final AtomicLong ownErrors = new AtomicLong();
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .version(HttpClient.Version.HTTP_1_1)
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();

  public RoundRobin(int port, List<String> backends) throws IOException {
    this.backends = List.copyOf(backends);
    this.served = new AtomicLongArray(backends.size());
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
    Cleanup.onEnd(this::close);
  }

  public String url() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  /** Requests answered by each gateway. */
  public long served(int backend) {
    return served.get(backend);
  }

  /** 502s the load balancer wrote itself (a gateway died with the request). */
  public long ownErrors() {
    return ownErrors.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod();
      int first = Math.floorMod(next.getAndIncrement(), backends.size());
      IOException failure = null;
      for (int i = 0; i < backends.size(); i++) {
        int b = (first + i) % backends.size();
        try {
          HttpResponse<InputStream> response = http.send(request(exchange, b, body), ofStream());
          served.incrementAndGet(b);
          relay(exchange, response);
          return;
        } catch (ConnectException refused) {
          failure = refused; // never reached the gateway: the next one
        } catch (IOException e) {
          failure = e;
          if (!method.equals("GET")) {
            break; // may have had its effect: the client decides
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      ownErrors.incrementAndGet();
      byte[] problem =
          ("{\"title\":\"Bad Gateway\",\"status\":502,\"detail\":\"load balancer: "
                  + failure.getClass().getSimpleName()
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
      exchange.getResponseHeaders().add("Retry-After", "1");
      exchange.getResponseHeaders().add(ERROR_HEADER, "true");
      exchange.sendResponseHeaders(502, problem.length);
      exchange.getResponseBody().write(problem);
    }
  }

  private static HttpResponse.BodyHandler<InputStream> ofStream() {
    return HttpResponse.BodyHandlers.ofInputStream();
  }

  private HttpRequest request(HttpExchange exchange, int backend, byte[] body) {
    URI uri = URI.create(backends.get(backend) + exchange.getRequestURI().toString());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
              }
            });
    return builder.build();
  }

  private static void relay(HttpExchange exchange, HttpResponse<InputStream> response)
      throws IOException {
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    byte[] bytes;
    try (InputStream in = response.body()) {
      bytes = in.readAllBytes();
    }
    int status = response.statusCode();
    boolean noBody = status == 204 || status == 304 || bytes.length == 0;
    exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    http.close();
  }
}
