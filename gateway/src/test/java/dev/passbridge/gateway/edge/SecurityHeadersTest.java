package dev.passbridge.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
  private final SecurityHeaders headers =
      new SecurityHeaders(
          new SecurityHeadersProperties(
              SecurityHeaders.DEFAULT_CSP,
              "no-referrer",
              SecurityHeaders.DEFAULT_PERMISSIONS_POLICY,
              Duration.ofDays(365),
              SecurityHeaders.DEFAULT_ACCEPT_CH));

  @Test
  void everyResponseGetsTheStrictBaseline() {
    Map<String, String> api = headers.headers(false, false, true);
    assertThat(api)
        .containsEntry("X-Content-Type-Options", "nosniff")
        .containsEntry("Referrer-Policy", "no-referrer")
        .containsEntry("X-Frame-Options", "DENY")
        .doesNotContainKey("Strict-Transport-Security")
        .doesNotContainKey("Accept-CH");
    assertThat(api.get("Content-Security-Policy"))
        .contains("script-src 'self';", "style-src 'self';", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(api.get("Permissions-Policy"))
        .contains(
            "publickey-credentials-create=(self)",
            "publickey-credentials-get=(self)",
            "camera=()",
            "microphone=()",
            "geolocation=()");
  }

  @Test
  void hstsOnlyBehindTls() {
    assertThat(headers.headers(true, false, true))
        .containsEntry("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    assertThat(SecurityHeaders.isSecure(true, null)).isTrue();
    assertThat(SecurityHeaders.isSecure(false, List.of("https"))).isTrue();
    assertThat(SecurityHeaders.isSecure(false, List.of("HTTPS, http"))).isTrue();
    assertThat(SecurityHeaders.isSecure(false, List.of("http"))).isFalse();
    assertThat(SecurityHeaders.isSecure(false, null)).isFalse();
  }

  @Test
  void pagesAskForTheClientHints() {
    assertThat(headers.headers(false, true, false).get("Accept-CH"))
        .contains(
            "Sec-CH-UA-Platform-Version",
            "Sec-CH-UA-Full-Version-List",
            "Sec-CH-UA-Model",
            "Sec-CH-UA-Mobile",
            "Sec-CH-UA-Platform");
    assertThat(SecurityHeaders.isPage("text/html;charset=UTF-8")).isTrue();
    assertThat(SecurityHeaders.isPage("application/json")).isFalse();
    assertThat(SecurityHeaders.isPage(null)).isFalse();
  }
}
