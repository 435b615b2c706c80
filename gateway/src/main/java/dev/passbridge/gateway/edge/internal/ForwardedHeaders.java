package dev.passbridge.gateway.edge.internal;

import dev.passbridge.gateway.edge.ClientAddressProperties;
import dev.passbridge.gateway.edge.ClientAddresses;
import dev.passbridge.gateway.edge.EdgeRulesWebFilter;
import dev.passbridge.platform.core.edge.TrustedProxies;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The forwarding headers a service receives, written by the gateway alone: {@code X-Forwarded-For}
 * is exactly the one client address the gateway resolved (so a service may key its own per-IP
 * limits on it), {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} what the client used.
 * Spring Cloud Gateway's own filters have already removed every client-sent {@code X-Forwarded-*}
 * and {@code Forwarded} header (no {@code trusted-proxies} configured); this runs after them.
 */
public class ForwardedHeaders implements HttpHeadersFilter, Ordered {
  private final TrustedProxies proxies;

  public ForwardedHeaders(ClientAddressProperties properties) {
    this.proxies = properties.rule();
  }

  @Override
  public int getOrder() {
    return 1000;
  }

  @Override
  public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    HttpHeaders updated = new HttpHeaders();
    input.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(java.util.Locale.ROOT);
          if (!lower.startsWith("x-forwarded-")
              && !lower.equals("forwarded")
              && !lower.equals("x-real-ip")) {
            updated.addAll(name, values);
          }
        });
    String client = exchange.getAttribute(ClientAddresses.ATTRIBUTE);
    if (client != null) {
      updated.set("X-Forwarded-For", client);
    }
    // from a trusted proxy (trusted-proxy-hops > 0, or a listed address), what it reported
    String peer = EdgeRulesWebFilter.peer(request);
    String proto =
        proxies.scheme(
            peer,
            request.getURI().getScheme(),
            request.getHeaders().getValuesAsList("X-Forwarded-Proto"));
    String host =
        proxies.forwarded(
            peer,
            request.getHeaders().getValuesAsList("X-Forwarded-Host"),
            request.getHeaders().getFirst(HttpHeaders.HOST));
    if (proto != null) {
      updated.set("X-Forwarded-Proto", proto);
    }
    if (host != null) {
      updated.set("X-Forwarded-Host", host);
    }
    return updated;
  }
}
