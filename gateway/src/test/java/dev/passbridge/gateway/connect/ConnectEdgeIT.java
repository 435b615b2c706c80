package dev.passbridge.gateway.connect;

import static dev.passbridge.gateway.support.Backends.AUTH_1;
import static dev.passbridge.gateway.support.Backends.AUTH_2;
import static dev.passbridge.gateway.support.Backends.PASSKEY;
import static dev.passbridge.gateway.support.Backends.SESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.gateway.AbstractGatewayIT;
import dev.passbridge.gateway.support.Backends;
import dev.passbridge.gateway.support.StubService;
import dev.passbridge.platform.core.connect.ConnectScope;
import dev.passbridge.platform.core.connect.ConnectToken;
import dev.passbridge.testsupport.TestSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Connect mode at the edge: CORS for a client's pages, Bearer connect tokens on the browser API
 * (checked here, the cookie dropped), the server API without an Origin, the merged JWKS and the
 * related-origins document.
 */
class ConnectEdgeIT extends AbstractGatewayIT {
  static final String SHOP = "http://localhost:8090";
  static final ECKey CONNECT_KEY = key("connect-key-1");
  static final ECKey LOGIN_RESULT_KEY = key("login-result-key-1");

  static ECKey key(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void keys() {
    List<JWK> auth = new ArrayList<>(SESSIONS.publicKeys().getKeys());
    auth.add(CONNECT_KEY.toPublicJWK());
    StubService.Response jwks = StubService.Response.json(200, new JWKSet(auth).toString());
    AUTH_1.respond("GET /.well-known/jwks.json", jwks);
    AUTH_2.respond("GET /.well-known/jwks.json", jwks);
    PASSKEY.respond(
        "GET /.well-known/jwks.json",
        StubService.Response.json(200, new JWKSet(LOGIN_RESULT_KEY.toPublicJWK()).toString()));
  }

  @AfterEach
  void restoreKeys() {
    Backends.serveJwks(SESSIONS);
  }

  static String connectToken(ECKey key, String clientId, Instant issuedAt) {
    ConnectToken token =
        new ConnectToken(
            UUID.randomUUID(),
            "customer-42",
            clientId,
            clientId,
            "login-" + UUID.randomUUID(),
            ConnectScope.APPEND,
            UUID.randomUUID().toString(),
            issuedAt.plus(Duration.ofMinutes(5)));
    try {
      SignedJWT jwt =
          new SignedJWT(
              ConnectToken.header(key.getKeyID()), token.claims(TestSessions.ISSUER, issuedAt));
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String validToken() {
    return connectToken(CONNECT_KEY, "shop", Instant.now());
  }

  @Test
  void aClientsPreflightIsAnsweredAtTheEdgeWithoutCredentials() {
    client
        .options()
        .uri("/api/passkeys/registrations")
        .header(HttpHeaders.ORIGIN, SHOP)
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
        .exchange()
        .expectStatus()
        .isNoContent()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SHOP)
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PATCH, DELETE")
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type")
        .expectHeader()
        .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
    client
        .options()
        .uri("/sdk/v1/passbridge.js")
        .header(HttpHeaders.ORIGIN, "https://shop.example")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .exchange()
        .expectStatus()
        .isNoContent()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://shop.example");
    // another site gets no CORS answer, and nothing reached a service
    client
        .options()
        .uri("/api/passkeys/registrations")
        .header(HttpHeaders.ORIGIN, "https://evil.example")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .exchange()
        .expectHeader()
        .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    assertThat(PASSKEY.received("/api/passkeys/registrations")).isEmpty();
  }

  /**
   * The SDK loaded by the hosted page (same origin, no {@code Origin}) and by a client's page
   * (CORS) is one URL with two answers: each says {@code Vary: Origin}, once, or a browser hands
   * the cached same-origin answer to the client's page, whose module load then fails CORS (found in
   * a browser: the shop lost its passkey features after a visit to the hosted login).
   */
  @Test
  void everyAnswerOnTheCorsPathsVariesByOrigin() {
    for (String origin : new String[] {null, SHOP, "https://evil.example"}) {
      var request = client.get().uri("/sdk/v1/passbridge.js");
      if (origin != null) {
        request = request.header(HttpHeaders.ORIGIN, origin);
      }
      var answer = request.exchange().expectStatus().isOk().returnResult(String.class);
      assertThat(answer.getResponseHeaders().getOrEmpty(HttpHeaders.VARY))
          .as("origin " + origin)
          .containsOnlyOnce(HttpHeaders.ORIGIN);
      assertThat(answer.getResponseHeaders().getAccessControlAllowOrigin())
          .as("origin " + origin)
          .isEqualTo(SHOP.equals(origin) ? SHOP : null);
    }
    var proxied =
        client
            .post()
            .uri("/api/passkeys/login/options")
            .header(HttpHeaders.ORIGIN, ORIGIN)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .returnResult(String.class);
    assertThat(proxied.getResponseHeaders().getOrEmpty(HttpHeaders.VARY))
        .as("a service's answer, hosted origin")
        .contains(HttpHeaders.ORIGIN);
  }

  @Test
  void aValidConnectTokenPassesWithoutTheCookieAndWithCors() {
    client
        .post()
        .uri("/api/passkeys/registrations")
        .header(HttpHeaders.ORIGIN, SHOP)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + validToken())
        .cookie("pb_session", Backends.userSession(UUID.randomUUID()))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SHOP)
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.RETRY_AFTER);
    var received = PASSKEY.received("/api/passkeys/registrations");
    assertThat(received).hasSize(1);
    assertThat(received.getFirst().header("authorization")).startsWith("Bearer ");
    assertThat(received.getFirst().header("cookie")).isNull();
    assertThat(received.getFirst().header("x-passbridge-user")).isNotBlank();
  }

  @Test
  void anInvalidConnectTokenIsRefusedAtTheEdge() {
    List<String> invalid =
        List.of(
            connectToken(key("connect-key-1"), "shop", Instant.now()), // forged under a known kid
            connectToken(CONNECT_KEY, "shop", Instant.now().minus(Duration.ofMinutes(10))),
            Backends.userSession(UUID.randomUUID()), // a session is no connect token
            "not-a-token");
    for (String token : invalid) {
      client
          .get()
          .uri("/api/passkeys/upgrade")
          .header(HttpHeaders.ORIGIN, SHOP)
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
          .exchange()
          .expectStatus()
          .isUnauthorized()
          .expectBody()
          .jsonPath("$.code")
          .isEqualTo("unauthenticated");
    }
    assertThat(PASSKEY.received("/api/passkeys/upgrade")).isEmpty();
  }

  @Test
  void clientOriginsOnlyCountForTokensAndLogins() {
    // a token request from a site that is no client
    client
        .post()
        .uri("/api/passkeys/registrations")
        .header(HttpHeaders.ORIGIN, "https://evil.example")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + validToken())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isForbidden();
    // a cookie request from a client's page keeps the hosted allowlist
    client
        .delete()
        .uri("/api/passkeys/abc")
        .header(HttpHeaders.ORIGIN, SHOP)
        .cookie("pb_session", Backends.userSession(UUID.randomUUID()))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("origin-not-allowed");
    assertThat(PASSKEY.received()).noneMatch(r -> r.path().startsWith("/api/passkeys/"));
    // the passkey login of a client, from its page
    client
        .post()
        .uri("/api/passkeys/login/options")
        .header(HttpHeaders.ORIGIN, SHOP)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"clientId\":\"shop\"}")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(PASSKEY.received("/api/passkeys/login/options")).hasSize(1);
  }

  @Test
  void theServerApiIsRoutedToPasskeyServiceWithoutAnOrigin() {
    client
        .post()
        .uri("/connect/v1/login-results/verify")
        .header(HttpHeaders.AUTHORIZATION, "Basic c2hvcDpzZWNyZXQ=")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"loginResult\":\"x\"}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("Cache-Control", "no-store");
    client
        .get()
        .uri("/connect/v1/users/customer-42/passkeys")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("Cache-Control", "no-store");
    assertThat(PASSKEY.received("/connect/v1/login-results/verify")).hasSize(1);
    assertThat(PASSKEY.received("/connect/v1/users/customer-42/passkeys")).hasSize(1);
  }

  /**
   * A user (its erasure) is auth-service's, which owns the mapping; the user's passkeys below it
   * stay passkey-service's. Routing both to one service would lose one of the two endpoints.
   */
  @Test
  void aUsersErasureGoesToAuthServiceAndItsPasskeysToPasskeyService() {
    client
        .delete()
        .uri("/connect/v1/users/customer-42")
        .header(HttpHeaders.AUTHORIZATION, "Basic c2hvcDpzZWNyZXQ=")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("Cache-Control", "no-store");
    client
        .delete()
        .uri("/connect/v1/users/customer-42/passkeys/credential-1")
        .header(HttpHeaders.AUTHORIZATION, "Basic c2hvcDpzZWNyZXQ=")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(
            AUTH_1.received("/connect/v1/users/customer-42").size()
                + AUTH_2.received("/connect/v1/users/customer-42").size())
        .isEqualTo(1);
    assertThat(PASSKEY.received("/connect/v1/users/customer-42")).isEmpty();
    assertThat(PASSKEY.received("/connect/v1/users/customer-42/passkeys/credential-1")).hasSize(1);
    assertThat(AUTH_1.received("/connect/v1/users/customer-42/passkeys/credential-1")).isEmpty();
    assertThat(AUTH_2.received("/connect/v1/users/customer-42/passkeys/credential-1")).isEmpty();
  }

  /**
   * The edge's own answers on the Connect API are {@code no-store} too (they were {@code no-cache},
   * the default for non-API paths); the services set it on theirs.
   */
  @Test
  void theEdgesOwnConnectProblemsAreNoStore() {
    client
        .post()
        .uri("/connect/v1/login-results/verify")
        .header(HttpHeaders.AUTHORIZATION, "Basic c2hvcDpzZWNyZXQ=")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"loginResult\":\"" + "x".repeat(128 * 1024) + "\"}")
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .valueEquals("Cache-Control", "no-store");
  }

  @Test
  void thePublicKeySetHasSessionAndLoginResultKeys() {
    client
        .get()
        .uri("/.well-known/jwks.json")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.keys[?(@.kid == '" + SESSIONS.keyId() + "')]")
        .exists()
        .jsonPath("$.keys[?(@.kid == 'login-result-key-1')]")
        .exists()
        .jsonPath("$.keys[?(@.d)]")
        .doesNotExist();
  }

  @Test
  void relatedOriginsListOnlyClientOriginsOutsideTheRpIdsDomain() {
    client
        .get()
        .uri("/.well-known/webauthn")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.origins.length()")
        .isEqualTo(1)
        .jsonPath("$.origins[0]")
        .isEqualTo("https://shop.example");
  }
}
