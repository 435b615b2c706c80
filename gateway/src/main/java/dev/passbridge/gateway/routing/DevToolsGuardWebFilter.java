package dev.passbridge.gateway.routing;

import dev.passbridge.gateway.paths.RequestPaths;
import dev.passbridge.gateway.problem.ProblemWebAdapter;
import dev.passbridge.platform.core.problem.Problem;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Outside the local profile the dev tools do not exist: {@code /api/dev/**}, the dev SMS inbox page
 * and the API viewer (Swagger UI, its files and its configuration: {@code /swagger-ui*}, {@code
 * /webjars/**}, {@code /v3/api-docs/**}) answer 404, even if someone adds a route or enables them
 * by configuration. The public API document itself, {@code /api-docs}, is not a dev tool.
 */
public class DevToolsGuardWebFilter implements WebFilter, Ordered {
  static final String INBOX_PAGE = "/dev-sms.html";
  private static final List<String> DEV_PREFIXES =
      List.of("/api/dev", "/swagger-ui", "/webjars", "/v3/api-docs");
  private final DevToolsProperties devTools;

  public DevToolsGuardWebFilter(DevToolsProperties devTools) {
    this.devTools = devTools;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 15;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!devTools.enabled()) {
      // decoded: the static resources and the routes match /dev%2Dsms.html as /dev-sms.html
      String path =
          RequestPaths.decoded(exchange.getRequest().getPath().pathWithinApplication().value());
      if (path.equals(INBOX_PAGE) || DEV_PREFIXES.stream().anyMatch(p -> under(path, p))) {
        return ProblemWebAdapter.write(exchange, Problem.notFound());
      }
    }
    return chain.filter(exchange);
  }

  /**
   * {@code /swagger-ui}, {@code /swagger-ui/...} and {@code /swagger-ui.html}; not {@code
   * /api/devices}.
   */
  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + ".");
  }
}
