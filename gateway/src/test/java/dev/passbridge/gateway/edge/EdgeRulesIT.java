package dev.passbridge.gateway.edge;

import static dev.passbridge.gateway.support.Backends.AUTH_1;
import static dev.passbridge.gateway.support.Backends.AUTH_2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.AbstractGatewayIT;
import dev.passbridge.gateway.support.Backends;
import dev.passbridge.gateway.support.RawConnection;
import dev.passbridge.gateway.support.StubService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

class EdgeRulesIT extends AbstractGatewayIT {
  private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP =
      new ParameterizedTypeReference<>() {};

  private WebTestClient.ResponseSpec postLogin(String origin) {
    var request = client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON);
    if (origin != null) {
      request = request.header("Origin", origin);
    }
    return request.bodyValue("{\"username\":\"alice\"}").exchange();
  }

  private int authReceived() {
    return AUTH_1.received().size() + AUTH_2.received().size();
  }

  @Test
  void refusesStateChangingRequestsWithoutAnAllowedOrigin() {
    postLogin(null)
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://passbridge.dev/problems/origin-not-allowed")
        .jsonPath("$.code")
        .isEqualTo("origin-not-allowed");
    postLogin("https://evil.example").expectStatus().isForbidden();
    postLogin("http://localhost:8081").expectStatus().isForbidden();
    client
        .delete()
        .uri("/api/passkeys/cred-1")
        .cookie("pb_session", Backends.userSession(UUID.randomUUID()))
        .exchange()
        .expectStatus()
        .isForbidden();
    assertThat(Backends.totalReceived()).isZero();
    postLogin(ORIGIN).expectStatus().isOk();
    assertThat(authReceived()).isEqualTo(1);
  }

  @Test
  void letsReadsThroughWithoutOrigin() {
    client.get().uri("/api/auth/ping").exchange().expectStatus().isOk();
  }

  @Test
  void refusesBodiesOverTheLimit() {
    String big = "{\"pad\":\"" + "x".repeat(2000) + "\"}";
    client
        .post()
        .uri("/api/auth/login")
        .header("Origin", ORIGIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(big)
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("payload-too-large");
    assertThat(authReceived()).isZero();
  }

  @Test
  void aClientStillSendingAnOversizedBodyGetsItsAnswer() throws Exception {
    // answering 413 and closing while the client still sends makes the kernel reset the
    // connection, and the answer is lost: the gateway reads such a body (up to 2 MiB) first.
    // The client sends slowly (16 KiB every 2 ms), so that it is always still sending.
    byte[] body = ("{\"pad\":\"" + "x".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      for (int i = 0; i < 5; i++) {
        java.net.http.HttpResponse<String> answer =
            http.send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/auth/login"))
                    .header("Origin", ORIGIN)
                    .header("Content-Type", "application/json")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                            java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                () -> new SlowStream(body)),
                            body.length))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("try %d", i).isEqualTo(413);
        assertThat(answer.body()).contains("payload-too-large");
      }
    }
    assertThat(authReceived()).isZero();
  }

  /** 16 KiB at a time, 2 ms apart. */
  static final class SlowStream extends java.io.InputStream {
    private final byte[] data;
    private int at;

    SlowStream(byte[] data) {
      this.data = data;
    }

    @Override
    public int read() {
      return at < data.length ? data[at++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at >= data.length) {
        return -1;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      int n = Math.min(Math.min(len, 16 * 1024), data.length - at);
      System.arraycopy(data, at, b, off, n);
      at += n;
      return n;
    }
  }

  @Test
  void refusesStreamedBodiesOverTheLimitToo() {
    DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
    Flux<DataBuffer> chunks =
        Flux.range(0, 8).map(i -> buffers.wrap("x".repeat(512).getBytes(StandardCharsets.UTF_8)));
    client
        .post()
        .uri("/api/auth/login")
        .header("Origin", ORIGIN)
        .contentType(MediaType.APPLICATION_JSON)
        .body(chunks, DataBuffer.class)
        .exchange()
        .expectStatus()
        .isEqualTo(413);
    assertThat(
            Backends.all().stream()
                .flatMap(s -> s.received().stream())
                .filter(r -> r.bodyLength() > 1024))
        .isEmpty();
  }

  @Test
  void acceptsBodiesUnderTheLimit() {
    client
        .post()
        .uri("/api/auth/login")
        .header("Origin", ORIGIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"pad\":\"" + "x".repeat(900) + "\"}")
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void stripsClientSentIdentityAndForwardingHeaders() {
    Map<String, Object> echo =
        client
            .post()
            .uri("/api/auth/login")
            .header("Origin", ORIGIN)
            .header("X-User-Id", "admin")
            .header("X-Forwarded-User", "admin")
            .header("X-Passbridge-User", UUID.randomUUID().toString())
            .header("X-Passbridge-Roles", "admin")
            .header("X-Forwarded-For", "6.6.6.6")
            .header("X-Real-IP", "6.6.6.6")
            .header("Forwarded", "for=6.6.6.6")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    @SuppressWarnings("unchecked")
    Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
    assertThat(headers)
        .doesNotContainKeys(
            "x-user-id",
            "x-forwarded-user",
            "x-passbridge-user",
            "x-passbridge-roles",
            "x-real-ip",
            "forwarded");
    assertThat(headers.get("x-forwarded-for")).containsExactly("127.0.0.1");
    assertThat(headers.get("x-forwarded-proto")).containsExactly("http");
    assertThat(headers.get("origin")).containsExactly(ORIGIN);
  }

  @Test
  void putsTheSecurityHeadersOnApiAnswersOverridingTheServices() {
    StubService.Response loose =
        StubService.Response.json(200, "{}")
            .withHeader("Content-Security-Policy", "default-src *")
            .withHeader("X-Frame-Options", "ALLOWALL");
    AUTH_1.respond("GET /api/auth/loose", loose);
    AUTH_2.respond("GET /api/auth/loose", loose);
    client
        .get()
        .uri("/api/auth/loose")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("Content-Security-Policy", SecurityHeaders.DEFAULT_CSP)
        .expectHeader()
        .valueEquals("X-Frame-Options", "DENY")
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .valueEquals("Referrer-Policy", "no-referrer")
        .expectHeader()
        .valueEquals("Permissions-Policy", SecurityHeaders.DEFAULT_PERMISSIONS_POLICY)
        .expectHeader()
        .valueEquals("Cache-Control", "no-store")
        .expectHeader()
        .doesNotExist("Strict-Transport-Security")
        .expectHeader()
        .doesNotExist("Accept-CH");
  }

  @Test
  void putsTheSecurityHeadersAndClientHintsOnPages() {
    for (String page : List.of("/", "/index.html", "/otp.html", "/dashboard.html")) {
      client
          .get()
          .uri(page)
          .exchange()
          .expectStatus()
          .isOk()
          .expectHeader()
          .contentTypeCompatibleWith(MediaType.TEXT_HTML)
          .expectHeader()
          .valueEquals("Content-Security-Policy", SecurityHeaders.DEFAULT_CSP)
          .expectHeader()
          .valueEquals("Accept-CH", SecurityHeaders.DEFAULT_ACCEPT_CH)
          .expectHeader()
          .valueEquals("X-Content-Type-Options", "nosniff")
          .expectHeader()
          .valueEquals("Cache-Control", "no-cache");
    }
  }

  @Test
  void servesModulesWithAJavaScriptContentType() {
    client
        .get()
        .uri("/js/lib/otp.mjs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith("text/javascript")
        .expectHeader()
        .doesNotExist("Accept-CH");
  }

  @Test
  void aClientCannotClaimTlsForHstsWhenNoProxyIsTrusted() {
    // trusted-proxy-hops 0 (default): the gateway is the edge; a client's X-Forwarded-Proto is
    // not believed, for HSTS as for the client address (SecurityHeadersWebFilterTest: hops 1)
    client
        .get()
        .uri("/api/auth/ping")
        .header("X-Forwarded-Proto", "https")
        .exchange()
        .expectHeader()
        .doesNotExist("Strict-Transport-Security");
    client
        .get()
        .uri("/index.html")
        .exchange()
        .expectHeader()
        .doesNotExist("Strict-Transport-Security");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/passkeys/login/../upgrade",
        "/api/passkeys/login/%2e%2e/upgrade",
        "/api//me",
        "/api/me;x=1",
        "/api/auth/..%2Factuator"
      })
  void refusesPathsThatCouldBeNormalisedPastTheEdge(String rawPath) {
    client
        .get()
        .uri(URI.create("http://localhost:" + port + rawPath))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("malformed-path");
    assertThat(Backends.totalReceived()).isZero();
  }

  /**
   * Raw non-ASCII bytes in the request line were forwarded encoded a second time ({@code é} as
   * {@code %C3%83%C2%A9}), so the service answered another path; a target {@code java.net.URI}
   * refuses got a bare 400 with an empty body on a connection kept open. Each is now a problem and
   * the connection closes, as for any request line the gateway cannot read.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/passkeys/caf\u00c3\u00a9",
        "/caf\u00c3\u00a9.html",
        "/api/auth/ping?name=caf\u00c3\u00a9",
        "/api/auth/ping?a=\u007f",
        "/api/auth/ping?a={",
        "/api/auth/ping?a=|",
        "/api/auth/ping?a=\"",
        "/api/auth/ping?a=^",
        "/api/auth/ping?a=%zz",
        "/api/auth/ping/%zz"
      })
  void refusesRequestTargetsItCannotRead(String target) throws Exception {
    try (RawConnection connection = new RawConnection(port, Duration.ofSeconds(10))) {
      // kept alive; the target's characters go out as the bytes they stand for (é as C3 A9)
      assertMalformedRequest(connection.exchange("GET", target, Map.of(), null));
    }
    assertThat(Backends.totalReceived()).isZero();
    // the same characters percent-encoded pass the edge
    client
        .get()
        .uri(URI.create("http://localhost:" + port + "/api/auth/ping?name=caf%C3%A9&a=%7B%7C%5E"))
        .exchange()
        .expectStatus()
        .isOk();
  }

  /** The decoder's answer: 400 {@code malformed-request} as a problem, the connection closing. */
  private static void assertMalformedRequest(RawConnection.Answer answer) {
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
    assertThat(answer.header("x-content-type-options")).isEqualTo("nosniff");
    assertThat(answer.header("content-security-policy")).isNotBlank();
    assertThat(answer.text()).contains("\"code\":\"malformed-request\"");
    assertThat(answer.closes()).isTrue();
  }

  private static final String LOGIN_HEAD =
      "POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nOrigin: "
          + ORIGIN
          + "\r\nContent-Type: application/json\r\n";

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * A Transfer-Encoding whose last coding was not {@code chunked} left the body unframed: the
   * gateway read it as empty, kept the connection open and ran the body's bytes as the next request
   * (in the running system the logout answered 204, then the smuggled {@code GET /api/me} 401). Now
   * the first request is the only one read: one answer, 400, and the connection closes.
   */
  @Test
  void readsNoRequestSmuggledInAnUnframedBody() throws Exception {
    String payload =
        "POST /api/auth/logout HTTP/1.1\r\nHost: localhost:8080\r\nOrigin: "
            + ORIGIN
            + "\r\nTransfer-Encoding: xchunked\r\n\r\n"
            + "GET /api/me HTTP/1.1\r\nHost: localhost:8080\r\nX-Smuggled: 1\r\n\r\n";
    try (RawConnection connection = new RawConnection(port, Duration.ofSeconds(10))) {
      assertMalformedRequest(connection.exchangeRaw(bytes(payload), null, "POST"));
      assertThat(connection.closedByServer()).as("no second answer, then the close").isTrue();
    }
    assertThat(Backends.totalReceived()).isZero();
  }

  /** Any Transfer-Encoding but {@code chunked} alone, or one beside a Content-Length. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        LOGIN_HEAD + "Transfer-Encoding: gzip\r\n\r\n",
        LOGIN_HEAD + "Transfer-Encoding: identity\r\n\r\n{}",
        LOGIN_HEAD + "Content-Length: 4\r\nTransfer-Encoding: xchunked\r\n\r\n{ }\n",
        LOGIN_HEAD + "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n0\r\n\r\n",
        LOGIN_HEAD + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"
      })
  void refusesBodyFramingOtherThanChunkedAlone(String request) throws Exception {
    try (RawConnection connection = new RawConnection(port, Duration.ofSeconds(10))) {
      assertMalformedRequest(connection.exchangeRaw(bytes(request), null, "POST"));
      assertThat(connection.closedByServer()).isTrue();
    }
    assertThat(Backends.totalReceived()).isZero();
  }

  /**
   * The media type rules are the services' (platform refuses a wildcard {@code Content-Type} with
   * 415 and an {@code Accept} without JSON with 406 before the handler): the edge passes such
   * requests on as they are, without failing on them itself.
   */
  @Test
  void leavesWildcardContentTypesAndNonJsonAcceptsToTheServices() throws Exception {
    String login = "{\"username\":\"alice\",\"password\":\"correct horse\"}";
    try (RawConnection connection = new RawConnection(port, Duration.ofSeconds(10))) {
      RawConnection.Answer answer =
          connection.exchange(
              "POST",
              "/api/auth/login",
              Map.of("Origin", ORIGIN, "Content-Type", "*/*", "Accept", "application/xml"),
              bytes(login));
      assertThat(answer.status()).isEqualTo(200);
    }
    assertThat(
            Backends.all().stream()
                .flatMap(service -> service.received("/api/auth/login").stream())
                .map(r -> r.header("Content-Type") + " " + r.header("Accept")))
        .containsExactly("*/* application/xml");
  }

  /**
   * An {@code Accept} that cannot be parsed is refused at the edge on every path: the welcome
   * page's route failed on it with 500, and behind the gateway nothing can write an answer for it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/", "/index.html", "/nope.html", "/api/auth/ping", "/livez"})
  void refusesAnAcceptItCannotRead(String path) throws Exception {
    int before = authReceived();
    try (RawConnection connection = new RawConnection(port, Duration.ofSeconds(10))) {
      RawConnection.Answer answer =
          connection.exchange("GET", path, Map.of("Accept", "@@@;;"), null);
      assertThat(answer.status()).as(answer.text()).isEqualTo(406);
      assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
      assertThat(answer.text()).contains("\"code\":\"not-acceptable\"");
      assertThat(answer.header("Content-Security-Policy")).isNotNull();
      assertThat(connection.exchange("GET", "/api/auth/ping", Map.of(), null).status())
          .as("the connection stays usable")
          .isEqualTo(200);
    }
    assertThat(authReceived()).as("passed on only the good request").isEqualTo(before + 1);
  }

  @Test
  void forwardsChunkedBodiesAndKeepsTheConnection() throws Exception {
    String login = "{\"username\":\"alice\",\"password\":\"correct horse\"}";
    String chunked =
        LOGIN_HEAD
            + "Transfer-Encoding: chunked\r\n\r\n"
            + "10\r\n"
            + login.substring(0, 16)
            + "\r\n"
            + Integer.toHexString(login.length() - 16)
            + "\r\n"
            + login.substring(16)
            + "\r\n0\r\n\r\n";
    try (RawConnection connection = new RawConnection(port, Duration.ofSeconds(10))) {
      RawConnection.Answer answer = connection.exchangeRaw(bytes(chunked), null, "POST");
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.text()).contains("\"path\":\"/api/auth/login\"");
      assertThat(connection.exchange("GET", "/api/auth/ping", Map.of(), null).status())
          .isEqualTo(200);
    }
    assertThat(
            Backends.all().stream()
                .flatMap(service -> service.received("/api/auth/login").stream())
                .map(StubService.Received::body))
        .containsExactly(login);
  }

  @Test
  void refusesTrace() {
    client
        .method(HttpMethod.TRACE)
        .uri("/api/auth/ping")
        .exchange()
        .expectStatus()
        .isEqualTo(405)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("method-not-allowed");
  }

  @Test
  void answersUnknownPagesWithAProblem() {
    client
        .get()
        .uri("/nope.html")
        .accept(MediaType.TEXT_HTML)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .valueEquals(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
  }
}
