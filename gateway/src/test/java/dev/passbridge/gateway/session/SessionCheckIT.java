package dev.passbridge.gateway.session;

import static dev.passbridge.gateway.support.Backends.AUTH_1;
import static dev.passbridge.gateway.support.Backends.AUTH_2;
import static dev.passbridge.gateway.support.Backends.INSIGHTS;
import static dev.passbridge.gateway.support.Backends.PASSKEY;
import static dev.passbridge.gateway.support.Backends.SESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.passbridge.gateway.AbstractGatewayIT;
import dev.passbridge.gateway.support.Backends;
import dev.passbridge.gateway.support.StubService;
import dev.passbridge.testsupport.TestSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class SessionCheckIT extends AbstractGatewayIT {
  @Autowired ReactiveStringRedisTemplate redis;

  private final UUID userId = UUID.randomUUID();

  @AfterEach
  void restoreKeys() {
    Backends.serveJwks(SESSIONS);
  }

  private WebTestClient.ResponseSpec me(String token) {
    var request = client.get().uri("/api/me");
    if (token != null) {
      request = request.cookie("pb_session", token);
    }
    return request.exchange();
  }

  private void expectUnauthenticated(String token) {
    me(token)
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://passbridge.dev/problems/unauthenticated")
        .jsonPath("$.code")
        .isEqualTo("unauthenticated");
  }

  private int meReceived() {
    return AUTH_1.received("/api/me").size() + AUTH_2.received("/api/me").size();
  }

  private JWTClaimsSet.Builder claims() {
    return SESSIONS.claims(userId, "login-" + UUID.randomUUID(), List.of("user"), Instant.now());
  }

  @Test
  void letsAValidSessionThroughWithTheVerifiedUser() {
    me(SESSIONS.sign(claims().build()))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.headers['x-passbridge-user'][0]")
        .isEqualTo(userId.toString())
        .jsonPath("$.headers['cookie'][0]")
        .value(cookie -> assertThat((String) cookie).startsWith("pb_session="));
  }

  @Test
  void replacesAForgedUserHeaderWithTheVerifiedOne() {
    client
        .get()
        .uri("/api/me")
        .cookie("pb_session", SESSIONS.sign(claims().build()))
        .header("X-Passbridge-User", UUID.randomUUID().toString())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.headers['x-passbridge-user'].length()")
        .isEqualTo(1)
        .jsonPath("$.headers['x-passbridge-user'][0]")
        .isEqualTo(userId.toString());
  }

  @Test
  void refusesAMissingSession() {
    expectUnauthenticated(null);
    expectUnauthenticated("");
    assertThat(meReceived()).isZero();
  }

  @Test
  void refusesATamperedSession() {
    expectUnauthenticated(TestSessions.tamper(SESSIONS.sign(claims().build())));
    assertThat(meReceived()).isZero();
  }

  @Test
  void refusesAnExpiredSession() {
    Instant issued = Instant.now().minus(Duration.ofHours(2));
    expectUnauthenticated(
        SESSIONS.sign(
            claims()
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(Duration.ofHours(1))))
                .build()));
    assertThat(meReceived()).isZero();
  }

  @Test
  void refusesAlgNoneAndHmacConfusion() {
    expectUnauthenticated(TestSessions.unsecured(claims().build()));
    expectUnauthenticated(SESSIONS.hmacWithPublicKey(claims().build()));
    assertThat(meReceived()).isZero();
  }

  @Test
  void refusesASessionSignedByAKeyAuthServiceDoesNotPublish() {
    TestSessions stranger = new TestSessions("stranger");
    expectUnauthenticated(stranger.sign(claims().build()));
    assertThat(meReceived()).isZero();
  }

  @Test
  void refusesARevokedSessionButNotTheUsersOtherSessions() {
    String sessionId = "login-" + UUID.randomUUID();
    String revoked =
        SESSIONS.sign(SESSIONS.claims(userId, sessionId, List.of("user"), Instant.now()).build());
    me(revoked).expectStatus().isOk();
    redis.opsForValue().set("session:revoked:" + sessionId, "1", Duration.ofMinutes(5)).block();
    expectUnauthenticated(revoked);
    me(SESSIONS.sign(claims().build())).expectStatus().isOk();
  }

  @Test
  void picksUpARotatedSigningKey() {
    TestSessions next = new TestSessions("test-key-2");
    Backends.serveJwks(SESSIONS, next);
    me(next.sign(claims().build())).expectStatus().isOk();
    me(SESSIONS.sign(claims().build())).expectStatus().isOk();
  }

  @Test
  void insightsNeedTheAdminRole() {
    client
        .get()
        .uri("/api/insights/funnel")
        .cookie("pb_session", Backends.userSession(userId))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("forbidden");
    client.get().uri("/api/insights/funnel").exchange().expectStatus().isUnauthorized();
    assertThat(INSIGHTS.received()).isEmpty();
    client
        .get()
        .uri("/api/insights/funnel")
        .cookie("pb_session", Backends.adminSession(userId))
        .exchange()
        .expectStatus()
        .isOk();
  }

  /** The administrators' tools: no session 401, a user's 403, neither reaches auth-service. */
  @Test
  void theAdministratorsToolsNeedTheAdminRole() {
    String path = "/api/admin/account-erasures";
    int before = AUTH_1.received(path).size() + AUTH_2.received(path).size();
    eraseAlice(null).expectStatus().isUnauthorized();
    eraseAlice(Backends.userSession(userId))
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("forbidden");
    assertThat(AUTH_1.received(path).size() + AUTH_2.received(path).size()).isEqualTo(before);
    eraseAlice(Backends.adminSession(userId)).expectStatus().is2xxSuccessful();
    assertThat(AUTH_1.received(path).size() + AUTH_2.received(path).size()).isEqualTo(before + 1);
  }

  private WebTestClient.ResponseSpec eraseAlice(String session) {
    var request =
        client
            .post()
            .uri("/api/admin/account-erasures")
            .header("Origin", ORIGIN)
            .contentType(org.springframework.http.MediaType.APPLICATION_JSON);
    if (session != null) {
      request.cookie("pb_session", session);
    }
    return request.bodyValue("{\"username\":\"alice\"}").exchange();
  }

  @Test
  void protectsPasskeyManagementUpgradeAndRegistrations() {
    for (String path : List.of("/api/passkeys", "/api/passkeys/upgrade", "/api/passkeys/cred-1")) {
      client.get().uri(path).exchange().expectStatus().isUnauthorized();
    }
    for (String path : List.of("/api/passkeys/registrations", "/api/passkeys/upgrade/outcome")) {
      client
          .post()
          .uri(path)
          .header("Origin", ORIGIN)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{}")
          .exchange()
          .expectStatus()
          .isUnauthorized();
    }
    assertThat(PASSKEY.received()).isEmpty();
    client
        .get()
        .uri("/api/passkeys/upgrade")
        .cookie("pb_session", Backends.userSession(userId))
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(PASSKEY.received("/api/passkeys/upgrade")).hasSize(1);
  }

  @Test
  void leavesThePasskeyLoginAndThePasswordLoginPublic() {
    for (String path :
        List.of("/api/passkeys/login/options", "/api/passkeys/login", "/api/auth/login")) {
      client
          .post()
          .uri(path)
          .header("Origin", ORIGIN)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{}")
          .exchange()
          .expectStatus()
          .isOk();
    }
    // a broken cookie on a public route is the service's business, not the edge's
    client
        .post()
        .uri("/api/auth/logout")
        .header("Origin", ORIGIN)
        .cookie("pb_session", "garbage")
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void keepsWorkingWithTheCachedKeysWhenAuthServiceCannotServeThem() {
    me(SESSIONS.sign(claims().build())).expectStatus().isOk();
    StubService.Response broken = StubService.Response.json(500, "{}");
    AUTH_1.respond("GET /.well-known/jwks.json", broken);
    AUTH_2.respond("GET /.well-known/jwks.json", broken);
    // an unknown key id forces a refresh, which fails: still a clean 401, not a 5xx
    expectUnauthenticated(new TestSessions("stranger-2").sign(claims().build()));
    assertThat(
            AUTH_1.received("/.well-known/jwks.json").size()
                + AUTH_2.received("/.well-known/jwks.json").size())
        .isGreaterThanOrEqualTo(1);
    me(SESSIONS.sign(claims().build())).expectStatus().isOk();
  }
}
