package dev.passbridge.examples.shop.login;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client that posts forms the way the shop's pages do (with the CSRF token of
 * the last page it read) and does not follow redirects, so tests see where the shop sends them.
 * Pages and forms are asked for with a browser's {@code Accept} header. {@link #tab()} is another
 * tab of the same browser: the same cookies, its own last page (and so its own CSRF token).
 */
final class WebClient {
  /** What a browser's navigation asks for. */
  private static final String PAGE_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern CSRF_META =
      Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;
  private String csrf;

  WebClient(String base) {
    this(
        base,
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
  }

  private WebClient(String base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  /** Another tab: the same cookies (the same session), no page read yet (no CSRF token). */
  WebClient tab() {
    return new WebClient(base, http);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", PAGE_ACCEPT)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher field = CSRF_FIELD.matcher(response.body());
    Matcher meta = CSRF_META.matcher(response.body());
    if (field.find()) {
      csrf = field.group(1);
    } else if (meta.find()) {
      csrf = meta.group(1);
    }
    return response;
  }

  HttpResponse<String> postForm(String path, Map<String, String> fields)
      throws IOException, InterruptedException {
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (csrf != null) {
      all.put("_csrf", csrf);
    }
    String body =
        all.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", PAGE_ACCEPT)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (csrf != null) {
      request.header("X-CSRF-TOKEN", csrf);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String location(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Location")
        .map(
            l ->
                URI.create(l).getPath()
                    + (URI.create(l).getQuery() == null ? "" : "?" + URI.create(l).getQuery()))
        .orElse("");
  }
}
