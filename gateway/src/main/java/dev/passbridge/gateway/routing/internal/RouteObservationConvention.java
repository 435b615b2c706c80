package dev.passbridge.gateway.routing.internal;

import dev.passbridge.gateway.routing.ServiceRoutes;
import io.micrometer.common.KeyValue;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The {@code uri} of the gateway's {@code http.server.requests}: the path pattern of the route a
 * request belongs to ({@code /api/auth/**}, {@code /connect/v1/tokens}, ...).
 *
 * <p>Why: Spring's convention takes the pattern of the handler that served the request, and a
 * routed request has none, so every answer of the API, the gateway's own 401, 403, 429 and 502–504
 * included, was counted as {@code uri="UNKNOWN"}. The pattern is looked up from the request's path,
 * not from the matched route, because the gateway's own refusals come before the route is matched.
 * The routes' patterns are a fixed list, so the label's values stay bounded whatever paths clients
 * send; requests outside them (the web app's files, unknown paths) keep Spring's values.
 */
final class RouteObservationConvention extends DefaultServerRequestObservationConvention {
  private final List<PathPattern> patterns;

  RouteObservationConvention(List<ServiceRoutes.Route> routes) {
    this.patterns =
        routes.stream()
            .flatMap(route -> route.paths().stream())
            .map(PathPatternParser.defaultInstance::parse)
            .sorted()
            .toList();
  }

  @Override
  protected KeyValue uri(ServerRequestObservationContext context) {
    if (context.getPathPattern() == null && context.getCarrier() != null) {
      PathContainer path = context.getCarrier().getPath().pathWithinApplication();
      for (PathPattern pattern : patterns) {
        if (pattern.matches(path)) {
          return KeyValue.of("uri", pattern.getPatternString());
        }
      }
    }
    return super.uri(context);
  }
}
