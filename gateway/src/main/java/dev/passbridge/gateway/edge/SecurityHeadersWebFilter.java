package dev.passbridge.gateway.edge;

import dev.passbridge.gateway.paths.RequestPaths;
import dev.passbridge.platform.core.edge.TrustedProxies;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts the security headers on every response just before it is committed, whoever wrote it: a
 * static page, a proxied service answer (overriding whatever the service sent), or a problem from
 * an edge filter or the error handler. Runs first, so it sees the request as the client sent it.
 * {@code X-Forwarded-Proto} counts (for HSTS) only when proxies in front of the gateway are trusted
 * ({@code passbridge.gateway.client-address.trusted-proxy-hops} > 0), the same rule as the client
 * address: with none, a client cannot claim TLS it did not use.
 */
public class SecurityHeadersWebFilter implements WebFilter, Ordered {
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;
  private final SecurityHeaders securityHeaders;
  private final TrustedProxies proxies;

  public SecurityHeadersWebFilter(
      SecurityHeaders securityHeaders, ClientAddressProperties clientAddress) {
    this.securityHeaders = securityHeaders;
    this.proxies = clientAddress.rule();
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    boolean secure =
        SecurityHeaders.isSecure(
            request.getSslInfo() != null,
            proxies.trustsPeer(EdgeRulesWebFilter.peer(request))
                ? request.getHeaders().get("X-Forwarded-Proto")
                : java.util.List.of());
    // decoded, as the routes match it: /%61pi/me is routed as /api/me and gets its headers
    String path = RequestPaths.decoded(request.getPath().pathWithinApplication().value());
    boolean api = path.startsWith("/api/");
    // the Connect server API is per user and per moment too (its documents promise no-store); the
    // services set it on every answer, this covers the edge's own (its 413, 503, 404, ...)
    boolean noStore = api || path.startsWith("/connect/");
    boolean sdk = SecurityHeaders.isSdk(path);
    boolean apiViewer = SecurityHeaders.isApiViewer(path);
    ServerHttpResponse response = exchange.getResponse();
    response.beforeCommit(
        () -> {
          HttpHeaders headers = response.getHeaders();
          MediaType contentType = headers.getContentType();
          boolean page =
              !api && SecurityHeaders.isPage(contentType == null ? null : contentType.toString());
          Map<String, String> values = securityHeaders.headers(secure, page, api);
          values.forEach(headers::set);
          if (apiViewer) {
            headers.set(
                "Content-Security-Policy",
                SecurityHeaders.apiViewerPolicy(headers.getFirst("Content-Security-Policy")));
          }
          if (sdk) {
            // the web SDK is loaded by the Connect clients' pages on other origins
            headers.set("Cross-Origin-Resource-Policy", "cross-origin");
          }
          if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
            // API answers are per user and per moment; pages and modules revalidate (no build step,
            // so no fingerprinted file names to cache forever)
            headers.set(HttpHeaders.CACHE_CONTROL, noStore ? "no-store" : "no-cache");
          }
          return Mono.empty();
        });
    return chain.filter(exchange);
  }
}
