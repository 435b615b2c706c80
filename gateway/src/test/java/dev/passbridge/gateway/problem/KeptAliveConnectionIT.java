package dev.passbridge.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import dev.passbridge.gateway.AbstractGatewayIT;
import dev.passbridge.gateway.support.RawConnection;
import dev.passbridge.gateway.support.RawConnection.Answer;
import dev.passbridge.platform.core.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Every answer the gateway writes itself (401, 403, 404, 405, 413, 415, 429, 431, 400) followed, on
 * the same kept-alive HTTP/1.1 connection, by a static file, a proxied API request or a
 * gateway-local endpoint: each request must be answered within {@link #DEADLINE}. Before the fix
 * about half of the static files after such an error got no answer at all
 * (docs/services/gateway.md, "Kept-alive connections").
 *
 * <p>{@code -Dgateway.keepalive.pairs=N} sets the number of pairs (default 2,000; the {@code soak}
 * profile of the gateway pom runs 20,000).
 */
@TestPropertySource(
    properties = {
      // every resend after the first is refused for the rest of the run: a steady 429
      "passbridge.gateway.rate-limit.rules.otp-resend.limit=1",
      "passbridge.gateway.rate-limit.rules.otp-resend.period=1h",
    })
@Import(KeptAliveConnectionIT.JsonOnlyRoute.class)
class KeptAliveConnectionIT extends AbstractGatewayIT {
  static final Duration DEADLINE = Duration.ofSeconds(2);
  static final int PAIRS = Integer.getInteger("gateway.keepalive.pairs", 2000);

  /** Pairs per connection before the client opens a new one (positions 1..this are covered). */
  static final int PAIRS_PER_CONNECTION = 12;

  @DynamicPropertySource
  static void ownRateLimitKeys(DynamicPropertyRegistry registry) {
    registry.add(
        "passbridge.gateway.rate-limit.key-prefix",
        () -> "gw:rl:it-keepalive:" + UUID.randomUUID() + ":");
  }

  /**
   * A gateway-local JSON endpoint (test only): the gateway has none that reads a body, and such an
   * endpoint is where a 415 from the gateway itself comes from (WebFlux refuses the content type).
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class JsonOnlyRoute {
    @Bean
    RouterFunction<ServerResponse> keepAliveJsonOnly() {
      return route(
          POST("/test-only/json"),
          request ->
              request
                  .bodyToMono(Map.class)
                  .flatMap(body -> ServerResponse.ok().bodyValue(body))
                  .switchIfEmpty(ServerResponse.noContent().build()));
    }
  }

  /** One request as the raw client sends it. */
  record Request(
      String name, String method, String target, Map<String, String> headers, byte[] body) {
    static Request get(String name, String target) {
      return new Request(name, "GET", target, Map.of(), null);
    }

    static Request post(String name, String target, Map<String, String> headers, String body) {
      return new Request(name, "POST", target, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    Answer send(RawConnection connection) throws IOException {
      return connection.exchange(method, target, headers, body);
    }
  }

  record GatewayError(Request request, int status, String type) {}

  private static final Map<String, String> JSON_FROM_ORIGIN =
      Map.of("Origin", ORIGIN, "Content-Type", "application/json");

  static List<GatewayError> errors() {
    return List.of(
        new GatewayError(Request.get("401 no session", "/api/me"), 401, "unauthenticated"),
        new GatewayError(
            Request.post(
                "403 no Origin",
                "/api/auth/login",
                Map.of("Content-Type", "application/json"),
                "{}"),
            403,
            "origin-not-allowed"),
        new GatewayError(Request.get("404 unknown path", "/nope/at/all"), 404, "not-found"),
        new GatewayError(Request.get("404 dev tools", "/api/dev/sms"), 404, "not-found"),
        new GatewayError(
            new Request("405 edge method", "TRACE", "/", Map.of(), null),
            405,
            "method-not-allowed"),
        new GatewayError(
            Request.post("405 POST on a file", "/index.html", JSON_FROM_ORIGIN, "{}"),
            405,
            "method-not-allowed"),
        new GatewayError(
            Request.post(
                "413 body too large",
                "/api/auth/login",
                JSON_FROM_ORIGIN,
                "{\"pad\":\"" + "x".repeat(2000) + "\"}"),
            413,
            "payload-too-large"),
        new GatewayError(
            Request.post(
                "415 content type",
                "/test-only/json",
                Map.of("Origin", ORIGIN, "Content-Type", "text/plain"),
                "hello"),
            415,
            "unsupported-media-type"),
        new GatewayError(
            Request.post("429 rate limited", "/api/otp/resend", JSON_FROM_ORIGIN, "{}"),
            429,
            "rate-limited"),
        new GatewayError(
            new Request(
                "431 header too large", "GET", "/", Map.of("X-Pad", "x".repeat(20_000)), null),
            431,
            "request-header-fields-too-large"));
  }

  static List<Request> targets() {
    return List.of(
        Request.get("static /", "/"),
        Request.get("static /index.html", "/index.html"),
        Request.get("static /css/app.css", "/css/app.css"),
        Request.get("static /js/lib/otp.mjs", "/js/lib/otp.mjs"),
        Request.get("static /img/favicon.svg", "/img/favicon.svg"),
        Request.get("proxied GET /api/auth/ping", "/api/auth/ping"),
        Request.post(
            "proxied POST /api/passkeys/login/options",
            "/api/passkeys/login/options",
            JSON_FROM_ORIGIN,
            "{}"),
        Request.get("local /app-config.json", "/app-config.json"),
        Request.get("local /livez", "/livez"));
  }

  @Test
  void everyRequestAfterAGatewayWrittenErrorIsAnswered() throws IOException {
    // use up the one allowed resend, so every later resend is a 429; and warm up each kind of
    // target (first calls load classes and open pools), with a patient deadline
    Request resend = Request.post("prime", "/api/otp/resend", JSON_FROM_ORIGIN, "{}");
    for (int i = 0; i < 5; i++) {
      try (RawConnection connection = new RawConnection(port, Duration.ofSeconds(30))) {
        if (resend.send(connection).status() == 429) {
          break;
        }
      }
    }
    for (Request target : targets()) {
      try (RawConnection connection = new RawConnection(port, Duration.ofSeconds(30))) {
        target.send(connection);
      }
    }
    List<GatewayError> errors = errors();
    List<Request> targets = targets();
    List<String> unanswered = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    Map<String, Integer> perError = new LinkedHashMap<>();
    RawConnection connection = null;
    int position = 0;
    int connections = 0;
    long started = System.nanoTime();
    try {
      for (int pair = 0; pair < PAIRS; pair++) {
        GatewayError error = errors.get(pair % errors.size());
        Request target = targets.get((pair / errors.size()) % targets.size());
        if (connection == null || position == PAIRS_PER_CONNECTION) {
          if (connection != null) {
            connection.close();
          }
          connection = new RawConnection(port, DEADLINE);
          connections++;
          position = 0;
        }
        position++;
        String where =
            "pair %d (%s → %s), position %d on connection %d"
                .formatted(pair, error.request().name(), target.name(), position, connections);
        Answer first;
        try {
          first = error.request().send(connection);
        } catch (RawConnection.NoAnswer noAnswer) {
          unanswered.add(where + ": the error got no answer (" + noAnswer.getMessage() + ")");
          perError.merge(error.request().name(), 1, Integer::sum);
          connection.close();
          connection = null;
          continue;
        }
        check(wrong, () -> assertThat(first.status()).as(where).isEqualTo(error.status()));
        check(wrong, () -> assertIsProblem(first, error.type(), where));
        if (first.closes()) {
          // the server announced the close (a header it could not parse): the next request goes on
          // a new connection, as an HTTP/1.1 client does
          assertThat(connection.closedByServer()).as(where + ": announced close").isTrue();
          connection.close();
          connection = new RawConnection(port, DEADLINE);
          connections++;
          position = 1;
        }
        Answer second;
        try {
          second = target.send(connection);
        } catch (RawConnection.NoAnswer noAnswer) {
          unanswered.add(where + ": the target got no answer (" + noAnswer.getMessage() + ")");
          perError.merge(error.request().name(), 1, Integer::sum);
          connection.close();
          connection = null;
          continue;
        }
        check(wrong, () -> assertThat(second.status()).as(where).isEqualTo(200));
      }
    } finally {
      if (connection != null) {
        connection.close();
      }
    }
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    System.out.printf(
        "[keep-alive] %d of %d pairs unanswered on %d connections in %d ms; by error: %s%n",
        unanswered.size(), PAIRS, connections, millis, perError);
    assertThat(unanswered)
        .as("%d of %d pairs unanswered within %s", unanswered.size(), PAIRS, DEADLINE)
        .isEmpty();
    assertThat(wrong).as("%d wrong answers", wrong.size()).isEmpty();
  }

  /** Records a failed check (the first few in full) and goes on with the run. */
  private static void check(List<String> failures, Runnable assertion) {
    try {
      assertion.run();
    } catch (AssertionError failure) {
      failures.add(failures.size() < 10 ? failure.getMessage() : "(more)");
    }
  }

  @Test
  void answersTheHttpDecoderWritesAreProblemsWithSecurityHeaders() throws IOException {
    try (RawConnection connection = new RawConnection(port, DEADLINE)) {
      Answer answer =
          connection.exchangeRaw(
              "GET /a b c d\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
              null,
              "GET");
      assertThat(answer.status()).isEqualTo(400);
      assertIsProblem(answer, "malformed-request", "malformed request line");
    }
    try (RawConnection connection = new RawConnection(port, DEADLINE)) {
      Answer answer = connection.exchange("GET", "/" + "a".repeat(10_000), Map.of(), null);
      assertThat(answer.status()).isEqualTo(414);
      assertIsProblem(answer, "uri-too-long", "request line too long");
    }
    try (RawConnection connection = new RawConnection(port, DEADLINE)) {
      Answer answer =
          connection.exchange(
              "GET", "/", Map.of("X-Forwarded-Proto", "https", "X-Pad", "x".repeat(20_000)), null);
      assertThat(answer.status()).isEqualTo(431);
      assertIsProblem(answer, "request-header-fields-too-large", "header too large");
    }
  }

  static void assertIsProblem(Answer answer, String code, String where) {
    String description = where + ": " + answer.headers() + " " + answer.text();
    assertThat(answer.header("content-type"))
        .as(description)
        .startsWith("application/problem+json");
    assertThat(answer.text())
        .as(description)
        .contains("\"type\":\"" + Problem.TYPE_BASE + code + "\"")
        .contains("\"status\":" + answer.status());
    assertThat(answer.header("content-security-policy")).as(description).isNotBlank();
    assertThat(answer.header("x-content-type-options")).as(description).isEqualTo("nosniff");
    assertThat(answer.header("x-frame-options")).as(description).isEqualTo("DENY");
    assertThat(answer.header("referrer-policy")).as(description).isNotBlank();
    assertThat(answer.header("cross-origin-resource-policy")).as(description).isNotBlank();
    assertThat(answer.header("cache-control")).as(description).isNotBlank();
  }
}
