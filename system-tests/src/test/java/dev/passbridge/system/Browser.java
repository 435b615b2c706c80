package dev.passbridge.system;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * A client that only knows the §4 HTTP contract: JSON over the gateway, a cookie jar, the Origin
 * header a browser sends, and a User-Agent. One instance per simulated browser.
 */
public final class Browser {
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Chrome 140 on macOS: a desktop Chrome above the conditional-create threshold (136). */
  public static final String CHROME_MAC =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/140.0.0.0 Safari/537.36";

  /** Firefox on Windows: no conditional create. */
  public static final String FIREFOX_WINDOWS =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";

  private final String base;
  private final String userAgent;

  /**
   * A browser's cookie jar for one origin. Java's CookieManager will not send Secure cookies over
   * http, but browsers treat http://localhost as a secure context and do; so this jar keeps them.
   */
  private final Map<String, String> cookies = new java.util.concurrent.ConcurrentHashMap<>();

  private final HttpClient http;

  /** Sent with every request, e.g. the X-Forwarded-For a load balancer in front would add. */
  private final Map<String, String> headers;

  public record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {
    public String text(String field) {
      JsonNode node = body.path(field);
      return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    public String problemType() {
      return text("type");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Browser(String base, String userAgent) {
    this(base, userAgent, Map.of());
  }

  /**
   * A browser whose requests also carry {@code headers} (e.g. {@code X-Forwarded-For}, as a load
   * balancer in front of the gateway adds it, so that many simulated browsers have many addresses).
   */
  public Browser(String base, String userAgent, Map<String, String> headers) {
    this.base = base;
    this.userAgent = userAgent;
    this.headers = Map.copyOf(headers);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  public Response patch(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  public Response put(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (!cookies.isEmpty()) {
      builder.header(
          "Cookie",
          String.join(
              "; ",
              cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    headers.forEach(builder::header);
    return builder
        .timeout(Duration.ofSeconds(20))
        .header("Origin", base)
        .header("User-Agent", userAgent)
        .header("Accept", "application/json");
  }

  private Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      for (String setCookie : response.headers().allValues("Set-Cookie")) {
        for (HttpCookie cookie : HttpCookie.parse(setCookie)) {
          if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
            cookies.remove(cookie.getName());
          } else {
            cookies.put(cookie.getName(), cookie.getValue());
          }
        }
      }
      JsonNode body =
          response.body() == null || response.body().isBlank()
              ? NullNode.instance
              : JSON.readTree(response.body());
      return new Response(response.statusCode(), body, response.headers());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String cookie(String name) {
    return cookies.get(name);
  }

  public static Map<String, Object> client(boolean autofilled, Map<String, Boolean> capabilities) {
    return Map.of("autofilled", autofilled, "capabilities", capabilities, "hints", Map.of());
  }
}
