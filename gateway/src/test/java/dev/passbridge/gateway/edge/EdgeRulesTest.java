package dev.passbridge.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  /** Transfer-Encoding header lines, one per "+"; an empty cell: no such header. */
  private static List<String> transferEncodings(String lines) {
    return lines == null ? List.of() : List.of(lines.split("\\+", -1));
  }

  @ParameterizedTest(name = "[{index}] Transfer-Encoding {0}, Content-Length {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // acceptable: no Transfer-Encoding, or chunked alone without Content-Length
        "                   | false | true",
        "                   | true  | true",
        "chunked            | false | true",
        "CHUNKED            | false | true",
        "' chunked\t'       | false | true",
        "', chunked ,'      | false | true",
        "'+chunked'         | false | true",
        // any other coding, or chunked with another coding or twice
        "xchunked           | false | false",
        "identity           | false | false",
        "gzip               | false | false",
        "chunked, gzip      | false | false",
        "chunked+gzip       | false | false",
        "chunked+ xchunked  | false | false",
        "gzip, chunked      | false | false",
        "chunked, chunked   | false | false",
        "chunked+chunked    | false | false",
        "chunked;x=1        | false | false",
        "'chunked\u000b'    | false | false",
        "''                 | false | false",
        "' , '              | false | false",
        // beside a Content-Length
        "xchunked           | true  | false",
        "chunked            | true  | false"
      })
  void acceptsOnlyChunkedAloneWithoutContentLength(
      String lines, boolean contentLength, boolean acceptable) {
    assertThat(EdgeRules.hasAcceptableFraming(transferEncodings(lines), contentLength))
        .isEqualTo(acceptable);
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
