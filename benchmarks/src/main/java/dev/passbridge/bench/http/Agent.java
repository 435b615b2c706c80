package dev.passbridge.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * What a browser tab does towards one server: JSON requests over one keep-alive connection, the
 * {@code Origin} of the web app (the CSRF check of §4), a User-Agent and a cookie jar. Browsers
 * send Secure cookies to {@code http://localhost}; so does this jar. Only the §4 contract is used.
 */
public final class Agent implements AutoCloseable {
  public static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpConnection connection;
  private final String origin;
  private String userAgent;
  private final Map<String, String> cookies;

  /**
   * @param cookies the jar, shared by the agents of one browser (gateway and, for the gateway
   *     baseline, the services called directly)
   */
  public Agent(
      String baseUrl, String origin, String userAgent, Map<String, String> cookies, int timeoutMs) {
    this.connection = HttpConnection.to(baseUrl, timeoutMs);
    this.origin = origin;
    this.userAgent = userAgent;
    this.cookies = cookies;
  }

  public static Map<String, String> newCookieJar() {
    return new LinkedHashMap<>();
  }

  /** An answer with its body read as JSON (MissingNode for an empty or non-JSON body). */
  public record Reply(int status, JsonNode json, HttpResponse raw) {
    public String text(String field) {
      JsonNode node = json.path(field);
      return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    @Override
    public String toString() {
      return raw.toString();
    }
  }

  public Reply get(String path) {
    return send("GET", path, null);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null);
  }

  public Reply post(String path, Object body) {
    return send("POST", path, JSON.writeValueAsBytes(body), "application/json");
  }

  /** A form post ({@code application/x-www-form-urlencoded}), as an OAuth 2 token request is. */
  public Reply postForm(String path, Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return send(
        "POST",
        path,
        body.toString().getBytes(StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded");
  }

  private Reply send(String method, String path, byte[] body) {
    return send(method, path, body, "application/json");
  }

  private Reply send(String method, String path, byte[] body, String contentType) {
    List<String> headers = new ArrayList<>(12);
    headers.add("User-Agent");
    headers.add(userAgent);
    headers.add("Accept");
    headers.add("application/json");
    headers.add("Origin");
    headers.add(origin);
    if (body != null) {
      headers.add("Content-Type");
      headers.add(contentType);
    }
    if (!cookies.isEmpty()) {
      StringBuilder cookie = new StringBuilder();
      for (var e : cookies.entrySet()) {
        if (!cookie.isEmpty()) {
          cookie.append("; ");
        }
        cookie.append(e.getKey()).append('=').append(e.getValue());
      }
      headers.add("Cookie");
      headers.add(cookie.toString());
    }
    HttpResponse response;
    try {
      response = connection.exchange(method, path, headers, body);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
    }
    for (String setCookie : response.headers("Set-Cookie")) {
      storeCookie(setCookie);
    }
    JsonNode json = MissingNode.getInstance();
    if (response.body().length > 0 && (response.body()[0] == '{' || response.body()[0] == '[')) {
      json = JSON.readTree(response.body());
    }
    return new Reply(response.status(), json, response);
  }

  private void storeCookie(String setCookie) {
    int semi = setCookie.indexOf(';');
    String pair = semi < 0 ? setCookie : setCookie.substring(0, semi);
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      return;
    }
    String name = pair.substring(0, eq).trim();
    String value = pair.substring(eq + 1).trim();
    String attributes = semi < 0 ? "" : setCookie.substring(semi).toLowerCase();
    if (value.isEmpty() || attributes.contains("max-age=0")) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
  }

  public void userAgent(String userAgent) {
    this.userAgent = userAgent;
  }

  public String cookie(String name) {
    return cookies.get(name);
  }

  public void clearCookies() {
    cookies.clear();
  }

  @Override
  public void close() {
    connection.close();
  }
}
