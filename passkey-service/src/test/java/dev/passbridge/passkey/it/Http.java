package dev.passbridge.passkey.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny JSON client for the service under test: real HTTP, cookie session, Origin header. */
public final class Http {
  public static final String ORIGIN = "http://localhost:8080";
  static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public Http(int port) {
    this.base = "http://localhost:" + port;
  }

  /** Status, parsed body (null when empty) and the Set-Cookie headers. */
  public record Response(
      int status, JsonNode body, String contentType, java.util.List<String> setCookies) {
    public String problemCode() {
      return body == null || !body.has("code") ? null : body.get("code").asString();
    }

    /** The whole Set-Cookie header of cookie {@code name}, or null. */
    public String setCookie(String name) {
      return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
    }
  }

  public Response get(String path, String session) {
    return send(request(path, session).GET());
  }

  public Response post(String path, String session, Object body) {
    return send(
        request(path, session)
            .header("Origin", ORIGIN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json(body))));
  }

  public Response patch(String path, String session, Object body) {
    return send(
        request(path, session)
            .header("Origin", ORIGIN)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json(body))));
  }

  public Response delete(String path, String session) {
    return send(request(path, session).header("Origin", ORIGIN).DELETE());
  }

  /** POST without an Origin header. */
  public Response postWithoutOrigin(String path, String session, Object body) {
    return send(
        request(path, session)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json(body))));
  }

  /**
   * Any request with exactly these headers (no cookie unless given): for Bearer tokens, Basic
   * client credentials and other origins.
   *
   * @param body null for none
   */
  public Response exchange(
      String method, String path, java.util.Map<String, String> headers, Object body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    headers.forEach(b::header);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(json(body)));
    }
    return send(b);
  }

  /** The value of a response header of a plain GET (for Retry-After and the like). */
  public Response exchangeWithHeaders(
      String method,
      String path,
      java.util.Map<String, String> headers,
      Object body,
      java.util.Map<String, String> into) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    headers.forEach(b::header);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(json(body)));
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      r.headers()
          .map()
          .forEach((k, v) -> into.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
      JsonNode parsed = r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body());
      return new Response(
          r.statusCode(),
          parsed,
          r.headers().firstValue("Content-Type").orElse(null),
          r.headers().allValues("Set-Cookie"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String json(Object body) {
    return body instanceof String s ? s : JSON.writeValueAsString(body);
  }

  private HttpRequest.Builder request(String path, String session) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (session != null) {
      b.header("Cookie", "pb_session=" + session);
    }
    return b;
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body());
      return new Response(
          r.statusCode(),
          body,
          r.headers().firstValue("Content-Type").orElse(null),
          r.headers().allValues("Set-Cookie"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
