package dev.passbridge.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

class EdgeRulesTest {
  private static final List<String> ALLOWED = List.of("http://localhost:8080");

  @Test
  void letsSafeMethodsThroughWithoutOrigin() {
    assertThat(EdgeRules.originViolation(HttpMethod.GET, null, ALLOWED)).isEmpty();
    assertThat(EdgeRules.originViolation(HttpMethod.HEAD, List.of("https://evil.example"), ALLOWED))
        .isEmpty();
  }

  @Test
  void refusesStateChangingRequestsWithoutOrFromAForeignOrigin() {
    for (HttpMethod method :
        List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
      assertThat(EdgeRules.originViolation(method, null, ALLOWED)).isPresent();
      assertThat(EdgeRules.originViolation(method, List.of(), ALLOWED)).isPresent();
      assertThat(EdgeRules.originViolation(method, List.of("http://localhost:8081"), ALLOWED))
          .isPresent();
      assertThat(EdgeRules.originViolation(method, List.of("null"), ALLOWED)).isPresent();
      assertThat(EdgeRules.originViolation(method, List.of("http://localhost:8080"), ALLOWED))
          .isEmpty();
    }
  }

  @Test
  void refusesTwoOriginHeaders() {
    assertThat(
            EdgeRules.originViolation(
                HttpMethod.POST, List.of("http://localhost:8080", "https://evil.example"), ALLOWED))
        .isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/passkeys/login/../upgrade",
        "/api/passkeys/./upgrade",
        "/api//me",
        "/api/passkeys/login/%2e%2e/upgrade",
        "/api/passkeys/login%2F..%2Fupgrade",
        "/api\\me",
        "/api/me;jsessionid=1",
        "/api/me%00",
        "/api/%252e%252e/me",
        "api/me",
        ""
      })
  void refusesPathsTheServicesMightNormaliseDifferently(String path) {
    assertThat(EdgeRules.isMalformedPath(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/index.html",
        "/api/me",
        "/api/passkeys/AbC-_123",
        "/api/insights/funnel",
        "/.well-known/jwks.json",
        "/js/lib/base64url.mjs"
      })
  void acceptsOrdinaryPaths(String path) {
    assertThat(EdgeRules.isMalformedPath(path)).isFalse();
  }

  @Test
  void stripsEveryIdentityHeaderAndKeepsTheRest() {
    HttpHeaders headers = new HttpHeaders();
    headers.add("X-User-Id", "admin");
    headers.add("x-forwarded-user", "admin");
    headers.add("X-Passbridge-User", "00000000-0000-0000-0000-000000000000");
    headers.add("X-PASSBRIDGE-ROLES", "admin");
    headers.add("Remote-User", "admin");
    headers.add("Cookie", "pb_session=abc");
    headers.add("Content-Type", "application/json");
    EdgeRules.stripIdentityHeaders(headers);
    assertThat(headers.headerNames()).containsExactlyInAnyOrder("Cookie", "Content-Type");
  }

  @Test
  void servesOnlyTheUsualMethods() {
    assertThat(EdgeRules.isServed(HttpMethod.TRACE)).isFalse();
    assertThat(EdgeRules.isServed(HttpMethod.valueOf("PROPFIND"))).isFalse();
    assertThat(EdgeRules.isServed(HttpMethod.PATCH)).isTrue();
  }
}
