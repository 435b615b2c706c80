package dev.passbridge.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdgeRulesTest {
  // the Origin rule: platform-core's OriginRuleTest

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
    List<String> headers =
        List.of(
            "X-User-Id",
            "x-forwarded-user",
            "X-Passbridge-User",
            "X-PASSBRIDGE-ROLES",
            "Remote-User",
            "Cookie",
            "Content-Type");
    assertThat(headers.stream().filter(h -> !EdgeRules.isIdentityHeader(h)))
        .containsExactlyInAnyOrder("Cookie", "Content-Type");
  }

  @Test
  void servesOnlyTheUsualMethods() {
    assertThat(EdgeRules.isServed("TRACE")).isFalse();
    assertThat(EdgeRules.isServed("PROPFIND")).isFalse();
    assertThat(EdgeRules.isServed("PATCH")).isTrue();
  }

  @Test
  void onlyTheConnectServerApiIsExemptFromTheOriginRule() {
    assertThat(EdgeRules.isServerApi("/connect/v1/logins")).isTrue();
    assertThat(EdgeRules.isServerApi("/connect/v1/users/u1/passkeys")).isTrue();
    assertThat(EdgeRules.isServerApi("/api/auth/login")).isFalse();
    assertThat(EdgeRules.isServerApi("/api/passkeys/upgrade")).isFalse();
    assertThat(EdgeRules.isServerApi("/connectx")).isFalse();
    assertThat(EdgeRules.isServerApi(null)).isFalse();
  }
}
