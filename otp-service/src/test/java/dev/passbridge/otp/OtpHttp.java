package dev.passbridge.otp;

import dev.passbridge.contracts.events.ClientSignals;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SecondFactor;
import dev.passbridge.contracts.ids.LoginBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test helpers: plain HTTP against the running service and event builders. Like a browser, it sends
 * a login's {@code pb_login} binding with that login's verify and resend once told the token
 * ({@link #holdBinding}); the variants that take a token send that one, or none for null.
 */
public final class OtpHttp {
  public static final String ORIGIN = "http://localhost:8080";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final int port;
  private final Map<String, String> bindings = new ConcurrentHashMap<>();

  public OtpHttp(int port) {
    this.port = port;
  }

  /** From now on, this client is the browser of login {@code loginId}, holding {@code token}. */
  public void holdBinding(String loginId, String token) {
    bindings.put(loginId, token);
  }

  public HttpResponse<String> post(String path, String body) {
    return post(path, body, "application/json", ORIGIN);
  }

  public HttpResponse<String> post(String path, String body, String contentType, String origin) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      b.header("Origin", origin);
    }
    return send(b.build());
  }

  public HttpResponse<String> get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build());
  }

  /** A verify from this client: with the login's binding when it holds it. */
  public HttpResponse<String> verify(String loginId, String code) {
    return verify(loginId, code, bindings.get(loginId));
  }

  /**
   * A verify from the browser holding the login binding token {@code bindingToken} (null: a client
   * without the cookie).
   */
  public HttpResponse<String> verify(String loginId, String code, String bindingToken) {
    return postWithBinding(
        "/api/otp/verify",
        "{\"loginId\":\"" + loginId + "\",\"code\":\"" + code + "\"}",
        bindingToken);
  }

  /** A resend from this client: with the login's binding when it holds it. */
  public HttpResponse<String> resend(String loginId) {
    return resend(loginId, bindings.get(loginId));
  }

  /** A resend from the browser holding {@code bindingToken} (null: without the cookie). */
  public HttpResponse<String> resend(String loginId, String bindingToken) {
    return postWithBinding("/api/otp/resend", "{\"loginId\":\"" + loginId + "\"}", bindingToken);
  }

  private HttpResponse<String> postWithBinding(String path, String body, String bindingToken) {
    if (bindingToken == null) {
      return post(path, body);
    }
    return send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Origin", ORIGIN)
            .header("Cookie", LoginBinding.COOKIE + "=" + bindingToken)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /** The problem {@code code} of a response. */
  public static String problem(HttpResponse<String> response) {
    return json(response).path("code").asString();
  }

  public static String newLoginId() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A unique-looking German mobile number, so a test can search the logs for it. */
  public static String newPhone() {
    return "+49151" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
  }

  public static PasswordAuthenticated passwordAuthenticated(
      UUID userId, String loginId, String phone, Instant occurredAt) {
    return new PasswordAuthenticated(
        UUID.randomUUID(),
        occurredAt,
        userId,
        loginId,
        "alice",
        "Alice",
        "aGFuZGxl",
        new SecondFactor(SecondFactor.SMS, phone),
        new ClientSignals(true, Map.of("conditionalCreate", true), "Mozilla/5.0", Map.of()),
        Platform.unknown());
  }

  /** The same event again, with a new event id (a different login step, same login id). */
  public static PasswordAuthenticated withNewEventId(PasswordAuthenticated e) {
    return new PasswordAuthenticated(
        UUID.randomUUID(),
        e.occurredAt(),
        e.userId(),
        e.loginId(),
        e.username(),
        e.displayName(),
        e.userHandle(),
        e.secondFactor(),
        e.client(),
        e.platform());
  }
}
