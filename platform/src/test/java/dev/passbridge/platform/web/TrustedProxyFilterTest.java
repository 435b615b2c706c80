package dev.passbridge.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.platform.core.edge.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class TrustedProxyFilterTest {
  private final TrustedProxyFilter filter =
      new TrustedProxyFilter(TrustedProxies.of(List.of("10.0.0.7")));

  private HttpServletRequest passOn(String peer) throws Exception {
    var request = new MockHttpServletRequest("POST", "/api/auth/login");
    request.setRemoteAddr(peer);
    request.addHeader("X-Forwarded-For", "198.51.100.1");
    request.addHeader("X-Forwarded-Proto", "https");
    request.addHeader("X-Real-IP", "198.51.100.2");
    var chain = new MockFilterChain();
    filter.doFilter(request, new MockHttpServletResponse(), chain);
    return (HttpServletRequest) chain.getRequest();
  }

  @Test
  void aStrangersForwardingHeadersDoNotExist() throws Exception {
    HttpServletRequest seen = passOn("203.0.113.9");
    assertThat(seen.getRemoteAddr()).isEqualTo("203.0.113.9");
    assertThat(seen.getScheme()).isEqualTo("http");
    assertThat(seen.isSecure()).isFalse();
    assertThat(seen.getHeader("X-Forwarded-For")).isNull();
    assertThat(seen.getHeader("x-forwarded-proto")).isNull();
    assertThat(seen.getHeaders("X-Real-IP").hasMoreElements()).isFalse();
    assertThat(Collections.list(seen.getHeaderNames()))
        .noneMatch(
            n -> n.toLowerCase().startsWith("x-forwarded") || n.equalsIgnoreCase("x-real-ip"));
  }

  @Test
  void theGatewayNamesTheClientAndTheScheme() throws Exception {
    HttpServletRequest seen = passOn("10.0.0.7");
    assertThat(seen.getRemoteAddr()).isEqualTo("198.51.100.1");
    assertThat(seen.getScheme()).isEqualTo("https");
    assertThat(seen.isSecure()).isTrue();
  }
}
