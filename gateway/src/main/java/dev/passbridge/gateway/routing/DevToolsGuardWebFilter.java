package dev.passbridge.gateway.routing;

import dev.passbridge.gateway.problem.ProblemWebAdapter;
import dev.passbridge.platform.core.problem.Problem;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Outside the local profile the dev tools do not exist: {@code /api/dev/**} and the dev SMS inbox
 * page answer 404, even if someone adds a route for them by configuration.
 */
public class DevToolsGuardWebFilter implements WebFilter, Ordered {
  static final String INBOX_PAGE = "/dev-sms.html";
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
      String path = exchange.getRequest().getPath().pathWithinApplication().value();
      if (path.equals("/api/dev") || path.startsWith("/api/dev/") || path.equals(INBOX_PAGE)) {
        return ProblemWebAdapter.write(exchange, Problem.notFound());
      }
    }
    return chain.filter(exchange);
  }
}
