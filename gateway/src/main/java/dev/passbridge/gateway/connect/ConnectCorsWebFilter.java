package dev.passbridge.gateway.connect;

import dev.passbridge.gateway.paths.RequestPaths;
import dev.passbridge.platform.core.connect.ConnectClients;
import java.util.List;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for connect clients' pages on the browser API ({@code /api/passkeys/**}) and the SDK ({@code
 * /sdk/**}): a request whose {@code Origin} is a client origin gets {@code
 * Access-Control-Allow-Origin} with that origin; every answer on those paths, with an Origin or
 * without, carries {@code Vary: Origin} (when any client is configured); a preflight is answered
 * here (204: methods GET, POST, PATCH, DELETE; headers {@code Authorization}, {@code Content-Type};
 * no credentials, so a browser never sends the session cookie along); a client's answer exposes
 * {@code Retry-After} (the SDK waits as a 429 or 503 says). Any other origin gets no CORS headers
 * at all (the hosted pages are same-origin). Written by hand rather than with Spring's {@code
 * CorsWebFilter} because that one refuses same-origin requests whose {@code Origin} it does not
 * list, and the hosted pages' requests must pass untouched. Runs after the edge rules and before
 * the rate limits and the session check (a preflight carries no token).
 */
public class ConnectCorsWebFilter implements WebFilter, Ordered {
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 15;
  static final String METHODS = "GET, POST, PATCH, DELETE";
  static final String HEADERS = "Authorization, Content-Type";
  static final Set<String> ALLOWED_METHODS = Set.of("GET", "POST", "PATCH", "DELETE");

  private final ConnectClients clients;

  public ConnectCorsWebFilter(ConnectClients clients) {
    this.clients = clients;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (clients.allOrigins().isEmpty()
        || !ConnectOrigins.corsPath(
            RequestPaths.decoded(request.getPath().pathWithinApplication().value()))) {
      return chain.filter(exchange);
    }
    ServerHttpResponse response = exchange.getResponse();
    HttpHeaders headers = response.getHeaders();
    // every answer here depends on the Origin, also one to a request without it: the hosted page
    // loads the SDK same-origin (no Origin), and a browser that cached that answer without Vary
    // handed it to a client's page, whose cross-origin module load then failed CORS
    response.beforeCommit(
        () -> {
          if (!headers.getOrEmpty(HttpHeaders.VARY).contains(HttpHeaders.ORIGIN)) {
            headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
          }
          return Mono.empty();
        });
    List<String> origins = request.getHeaders().getOrEmpty(HttpHeaders.ORIGIN);
    if (origins.size() != 1 || !clients.allOrigins().contains(origins.getFirst())) {
      return chain.filter(exchange);
    }
    String origin = origins.getFirst();
    String requested = request.getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
    if (HttpMethod.OPTIONS.equals(request.getMethod()) && requested != null) {
      if (!ALLOWED_METHODS.contains(requested)) {
        response.setStatusCode(HttpStatus.FORBIDDEN);
        return response.setComplete();
      }
      headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, METHODS);
      headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, HEADERS);
      headers.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
      response.setStatusCode(HttpStatus.NO_CONTENT);
      return response.setComplete();
    }
    // at commit time: the routed service's own headers are copied onto the response before that
    response.beforeCommit(
        () -> {
          headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
          // a 429 or 503 says when to ask again; a cross-origin script reads only headers exposed
          headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.RETRY_AFTER);
          return Mono.empty();
        });
    return chain.filter(exchange);
  }
}
