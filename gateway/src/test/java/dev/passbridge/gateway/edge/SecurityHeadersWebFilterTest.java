package dev.passbridge.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

class SecurityHeadersWebFilterTest {
  private static final SecurityHeadersProperties HEADERS =
      new SecurityHeadersProperties(
          SecurityHeaders.DEFAULT_CSP,
          "no-referrer",
          SecurityHeaders.DEFAULT_PERMISSIONS_POLICY,
          Duration.ofDays(365),
          SecurityHeaders.DEFAULT_ACCEPT_CH);

  private static String hsts(int trustedProxyHops, String forwardedProto) {
    var filter =
        new SecurityHeadersWebFilter(
            new SecurityHeaders(HEADERS),
            new ClientAddressProperties(trustedProxyHops, java.util.List.of()));
    var request = MockServerHttpRequest.get("http://gateway/api/me");
    if (forwardedProto != null) {
      request.header("X-Forwarded-Proto", forwardedProto);
    }
    MockServerWebExchange exchange = MockServerWebExchange.from(request);
    WebFilterChain chain = e -> e.getResponse().setComplete();
    filter.filter(exchange, chain).block(Duration.ofSeconds(5));
    return exchange.getResponse().getHeaders().getFirst("Strict-Transport-Security");
  }

  @Test
  void aClientSentForwardedProtoGivesNoHstsWhenNoProxyIsTrusted() {
    assertThat(hsts(0, "https")).isNull();
    assertThat(hsts(0, null)).isNull();
  }

  @Test
  void theTrustedProxysForwardedProtoGivesHsts() {
    assertThat(hsts(1, "https")).isEqualTo("max-age=31536000; includeSubDomains");
    assertThat(hsts(1, "http")).isNull();
    assertThat(hsts(1, null)).isNull();
  }

  /** The headers the filter puts on an answer to {@code GET path}. */
  private static org.springframework.http.HttpHeaders answerTo(String path) {
    var filter =
        new SecurityHeadersWebFilter(
            new SecurityHeaders(HEADERS), new ClientAddressProperties(0, java.util.List.of()));
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.get("http://gateway" + path));
    WebFilterChain chain = e -> e.getResponse().setComplete();
    filter.filter(exchange, chain).block(Duration.ofSeconds(5));
    return exchange.getResponse().getHeaders();
  }

  private static String resourcePolicy(String path) {
    return answerTo(path).getFirst("Cross-Origin-Resource-Policy");
  }

  private static String policy(String path) {
    return answerTo(path).getFirst("Content-Security-Policy");
  }

  @Test
  void onlyTheApiViewerMayUseInlineStylesAndNoPageInlineScripts() {
    for (String viewer : new String[] {"/swagger-ui.html", "/swagger-ui/index.html"}) {
      assertThat(policy(viewer))
          .as(viewer)
          .contains("style-src 'self' 'unsafe-inline';")
          .contains("script-src 'self';");
    }
    for (String other : new String[] {"/", "/dashboard.html", "/api/me", "/swagger-uix/a.html"}) {
      assertThat(policy(other)).as(other).isEqualTo(SecurityHeaders.DEFAULT_CSP);
    }
  }

  @Test
  void theWebSdkMayBeEmbeddedByOtherOriginsAndNothingElse() {
    assertThat(resourcePolicy("/sdk/v1/passbridge.js")).isEqualTo("cross-origin");
    assertThat(resourcePolicy("/sdk/v1/passbridge.css")).isEqualTo("cross-origin");
    assertThat(resourcePolicy("/js/pages/login.mjs")).isEqualTo("same-origin");
    assertThat(resourcePolicy("/api/passkeys")).isEqualTo("same-origin");
    assertThat(resourcePolicy("/sdkx/v1/passbridge.js")).isEqualTo("same-origin");
  }
}
