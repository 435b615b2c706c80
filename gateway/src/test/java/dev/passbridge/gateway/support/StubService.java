package dev.passbridge.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny HTTP server standing in for one instance of another Passbridge service (they are built
 * elsewhere; this is not infrastructure). By default it answers 200 with a JSON echo of what it
 * received ({@code instance}, {@code method}, {@code path}, {@code query}, {@code headers} with
 * lower-case names, {@code bodyLength}); {@link #respond} overrides single paths.
 */
public final class StubService implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A canned answer. */
  public record Response(int status, Map<String, String> headers, String body, long delayMillis) {
    public static Response json(int status, String body) {
      return new Response(status, Map.of("Content-Type", "application/json"), body, 0);
    }

    public Response delayed(long millis) {
      return new Response(status, headers, body, millis);
    }

    public Response withHeader(String name, String value) {
      Map<String, String> copy = new TreeMap<>(headers);
      copy.put(name, value);
      return new Response(status, copy, body, delayMillis);
    }
  }

  /** What the stub received. */
  public record Received(
      String method,
      String path,
      String query,
      Map<String, List<String>> headers,
      int bodyLength,
      String body) {
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.getFirst();
    }
  }

  private final String instance;
  private final HttpServer server;
  private final Map<String, Function<Received, Response>> responses = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private StubService(String instance) {
    this.instance = instance;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public static StubService start(String instance) {
    return new StubService(instance);
  }

  public String instance() {
    return instance;
  }

  public String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Answers {@code method path} (exact path, e.g. {@code "GET /.well-known/jwks.json"}, or a prefix
   * ending in {@code *}, e.g. {@code "DELETE /api/passkeys/*"}).
   */
  public StubService respond(String methodAndPath, Response response) {
    responses.put(methodAndPath, request -> response);
    return this;
  }

  /** Answers {@code method path} with whatever the function makes of the request. */
  public StubService respond(String methodAndPath, Function<Received, Response> responder) {
    responses.put(methodAndPath, responder);
    return this;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  public void reset() {
    received.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      Received request =
          new Received(
              exchange.getRequestMethod(),
              path,
              query,
              headers,
              body.length,
              new String(body, StandardCharsets.UTF_8));
      received.add(request);
      String key = exchange.getRequestMethod() + " " + path;
      Function<Received, Response> responder = responses.get(key);
      if (responder == null) {
        responder =
            responses.entrySet().stream()
                .filter(e -> e.getKey().endsWith("*"))
                .filter(e -> key.startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
      }
      Response response = responder == null ? null : responder.apply(request);
      if (response == null) {
        Map<String, Object> echo = new TreeMap<>();
        echo.put("instance", instance);
        echo.put("method", request.method());
        echo.put("path", path);
        echo.put("query", query);
        echo.put("headers", headers);
        echo.put("bodyLength", body.length);
        response = Response.json(200, JSON.writeValueAsString(echo));
      }
      if (response.delayMillis() > 0) {
        Thread.sleep(response.delayMillis());
      }
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] bytes =
          response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // client went away (a gateway timeout): nothing to answer
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Several instances, e.g. two auth-service instances for load-balancing tests. */
  public static List<StubService> startAll(String... instances) {
    List<StubService> stubs = new ArrayList<>();
    for (String name : instances) {
      stubs.add(start(name));
    }
    return stubs;
  }
}
