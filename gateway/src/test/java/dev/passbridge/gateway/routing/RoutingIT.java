package dev.passbridge.gateway.routing;

import static dev.passbridge.gateway.support.Backends.AUTH_1;
import static dev.passbridge.gateway.support.Backends.AUTH_2;
import static dev.passbridge.gateway.support.Backends.INSIGHTS;
import static dev.passbridge.gateway.support.Backends.OTP;
import static dev.passbridge.gateway.support.Backends.PASSKEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.AbstractGatewayIT;
import dev.passbridge.gateway.support.Backends;
import dev.passbridge.gateway.support.StubService;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class RoutingIT extends AbstractGatewayIT {
  private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP =
      new ParameterizedTypeReference<>() {};

  @LocalManagementPort int managementPort;

  private Map<String, Object> echo(WebTestClient.RequestHeadersSpec<?> request) {
    return request
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(JSON_MAP)
        .returnResult()
        .getResponseBody();
  }

  private Map<String, Object> post(String path) {
    return echo(
        client
            .post()
            .uri(path)
            .header("Origin", ORIGIN)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}"));
  }

  @Test
  void routesEachApiToItsService() {
    assertThat(post("/api/auth/login").get("instance")).asString().startsWith("auth-");
    assertThat(post("/api/otp/verify").get("instance")).isEqualTo("otp-1");
    assertThat(post("/api/passkeys/login/options").get("instance")).isEqualTo("passkey-1");
    Map<String, Object> me =
        echo(
            client
                .get()
                .uri("/api/me")
                .cookie("pb_session", Backends.userSession(UUID.randomUUID())));
    assertThat(me.get("instance")).asString().startsWith("auth-");
    assertThat(me.get("path")).isEqualTo("/api/me");
    Map<String, Object> funnel =
        echo(
            client
                .get()
                .uri("/api/insights/funnel?from=2026-01-01&to=2026-01-31")
                .cookie("pb_session", Backends.adminSession(UUID.randomUUID())));
    assertThat(funnel.get("instance")).isEqualTo("insights-1");
    assertThat(funnel.get("query")).isEqualTo("from=2026-01-01&to=2026-01-31");
    client
        .get()
        .uri("/.well-known/jwks.json")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.keys[0].kid")
        .isEqualTo("test-key-1");
  }

  @Test
  void balancesAcrossTwoAuthServiceInstances() {
    for (int i = 0; i < 10; i++) {
      client.get().uri("/api/auth/ping").exchange().expectStatus().isOk();
    }
    assertThat(AUTH_1.received("/api/auth/ping")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(AUTH_2.received("/api/auth/ping")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(AUTH_1.received("/api/auth/ping").size() + AUTH_2.received("/api/auth/ping").size())
        .isEqualTo(10);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/connect/v1/logins", "/connect/v1/tokens"})
  void routesTheConnectServerApiToAuthServiceWithoutOriginOrSession(String path) {
    // a platform's backend: client credentials, no Origin, no cookie
    Map<String, Object> echo =
        echo(
            client
                .post()
                .uri(path)
                .header("Authorization", "Basic c2hvcDpzZWNyZXQ=")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}"));
    assertThat(echo.get("instance")).asString().startsWith("auth-");
    assertThat(echo.get("path")).isEqualTo(path);
    assertThat(echo.get("headers"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("authorization", java.util.List.of("Basic c2hvcDpzZWNyZXQ="));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/actuator/health",
        "/actuator/health/readiness",
        "/actuator/prometheus",
        "/actuator/health/redis",
        "/actuator/info",
        "/actuator/env",
        "/actuator/gateway/routes",
        "/auth-service/actuator/health",
        "/otp-service/api/otp/verify",
        "/api/actuator/health",
        "/api/unknown",
        "/api/mex",
        "/api/me/extra",
        "/internal/anything",
        "/connect/v1/unknown",
        "/connect/v1/logins/extra"
      })
  void neverRoutesAnythingNotListed(String path) {
    client
        .get()
        .uri(path)
        .cookie("pb_session", Backends.adminSession(UUID.randomUUID()))
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("not-found");
    assertThat(Backends.all().stream().flatMap(s -> s.received().stream()))
        .noneMatch(r -> r.path().contains("actuator") || r.path().equals(path));
  }

  @Test
  void servesItsOwnActuatorOnlyOnTheManagementPort() {
    WebTestClient management =
        WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
    management.get().uri("/actuator/health").exchange().expectStatus().isOk();
    client.get().uri("/api/auth/ping").exchange().expectStatus().isOk();
    client.post().uri("/api/auth/login").exchange().expectStatus().isForbidden();
    management
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            body ->
                assertThat(body)
                    .contains("jvm_memory_used_bytes")
                    .contains("spring_cloud_gateway_requests_seconds_count{")
                    .contains("passbridge_gateway_rejections_total{rule=\"origin\"}"));
    client.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
  }

  @Test
  void answersLivenessAndReadinessOnThePublicPortWithTheStatusOnly() {
    for (String path : java.util.List.of("/livez", "/readyz")) {
      client
          .get()
          .uri(path)
          .exchange()
          .expectStatus()
          .isOk()
          .expectHeader()
          .valueEquals("X-Content-Type-Options", "nosniff")
          .expectBody()
          .json("{\"status\":\"UP\"}", org.springframework.test.json.JsonCompareMode.STRICT);
    }
  }

  @Test
  void hasNoDevToolsWithoutTheLocalProfile() {
    client
        .get()
        .uri("/api/dev/sms?loginId=abc")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("not-found");
    client.get().uri("/dev-sms.html").exchange().expectStatus().isNotFound();
    // no spelling of the page's path serves it either (the path is matched decoded)
    for (String spelling :
        java.util.List.of("/dev%2Dsms.html", "/%64ev-sms.html", "/d%65v-sms.html")) {
      client
          .get()
          .uri(java.net.URI.create("http://localhost:" + port + spelling))
          .exchange()
          .expectStatus()
          .value(status -> assertThat(status).as(spelling).isEqualTo(404));
    }
    client
        .get()
        .uri("/app-config.json")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.devTools")
        .isEqualTo(false)
        .jsonPath("$.conditionalCreateTimeoutMs")
        .isEqualTo(10000);
    assertThat(OTP.received()).isEmpty();
  }

  @Test
  void retriesAGetOnTheNextInstanceWhenTheFirstIsDown() {
    String admin = Backends.adminSession(UUID.randomUUID());
    for (int i = 0; i < 4; i++) {
      client
          .get()
          .uri("/api/insights/funnel")
          .cookie("pb_session", admin)
          .exchange()
          .expectStatus()
          .isOk();
    }
    assertThat(INSIGHTS.received("/api/insights/funnel")).hasSize(4);
  }

  @Test
  void neverRetriesAPost() {
    String admin = Backends.adminSession(UUID.randomUUID());
    int unavailable = 0;
    for (int i = 0; i < 4; i++) {
      var result =
          client
              .post()
              .uri("/api/insights/rules")
              .header("Origin", ORIGIN)
              .cookie("pb_session", admin)
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue("{}")
              .exchange()
              .expectBody(JSON_MAP)
              .returnResult();
      if (result.getStatus().value() == 503) {
        unavailable++;
        assertThat(result.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(result.getResponseBody()).containsEntry("code", "service-unavailable");
      } else {
        assertThat(result.getStatus().value()).isEqualTo(200);
      }
    }
    // round robin over [dead, live]: half the POSTs met the dead instance and were not retried
    assertThat(unavailable).isEqualTo(2);
    assertThat(INSIGHTS.received("/api/insights/rules")).hasSize(4 - unavailable);
  }

  @Test
  void answers504WhenAServiceIsTooSlow() {
    OTP.respond("GET /api/otp/slow", StubService.Response.json(200, "{}").delayed(3000));
    client
        .get()
        .uri("/api/otp/slow")
        .exchange()
        .expectStatus()
        .isEqualTo(504)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("upstream-timeout");
    assertThat(OTP.received("/api/otp/slow")).hasSize(1);
  }

  @Test
  void passesTheSessionCookieSetByAuthServiceBackToTheBrowser() {
    AUTH_1.respond(
        "POST /api/auth/session",
        new StubService.Response(
            204,
            Map.of("Set-Cookie", "pb_session=jwt; Path=/; HttpOnly; Secure; SameSite=Strict"),
            null,
            0));
    AUTH_2.respond(
        "POST /api/auth/session",
        new StubService.Response(
            204,
            Map.of("Set-Cookie", "pb_session=jwt; Path=/; HttpOnly; Secure; SameSite=Strict"),
            null,
            0));
    client
        .post()
        .uri("/api/auth/session")
        .header("Origin", ORIGIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"loginId\":\"abc\"}")
        .exchange()
        .expectStatus()
        .isNoContent()
        .expectHeader()
        .valueMatches("Set-Cookie", "pb_session=jwt;.*HttpOnly.*SameSite=Strict");
  }

  @Test
  void forwardsMethodQueryAndBody() {
    Map<String, Object> echo =
        echo(
            client
                .method(HttpMethod.PATCH)
                .uri("/api/passkeys/cred-1?x=1")
                .header("Origin", ORIGIN)
                .cookie("pb_session", Backends.userSession(UUID.randomUUID()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"My phone\"}"));
    assertThat(echo)
        .containsEntry("method", "PATCH")
        .containsEntry("path", "/api/passkeys/cred-1")
        .containsEntry("query", "x=1")
        .containsEntry("bodyLength", 19);
    assertThat(PASSKEY.received()).hasSize(1);
  }
}
