package dev.passbridge.gateway.routing.internal;

import dev.passbridge.gateway.routing.DevToolsGuardWebFilter;
import dev.passbridge.gateway.routing.DevToolsProperties;
import dev.passbridge.gateway.routing.RoutingProperties;
import dev.passbridge.gateway.routing.ServiceRoutes;
import java.net.ConnectException;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Builds the routes of {@link ServiceRoutes} in code (not YAML) so the list is one reviewed place
 * and the local profile can add the dev route without replacing the others. Timeouts come from
 * {@code spring.cloud.gateway.server.webflux.httpclient.*}.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

  @Bean
  RouteLocator passbridgeRoutes(
      RouteLocatorBuilder builder, RoutingProperties services, DevToolsProperties devTools) {
    RouteLocatorBuilder.Builder routes = builder.routes();
    for (ServiceRoutes.Route route : ServiceRoutes.of(services, devTools.enabled())) {
      routes.route(
          route.id(),
          r ->
              r.path(route.paths().toArray(String[]::new))
                  .filters(
                      f -> {
                        if (services.getRetries() > 0) {
                          f.retry(config -> getRetries(config, services.getRetries()));
                        }
                        return f;
                      })
                  .uri(route.service()));
    }
    return routes.build();
  }

  /**
   * Retry only GETs, and only when the connection could not be made: the request never reached a
   * service, so the next instance of the load balancer gets it. Server errors and timeouts are not
   * retried (the service may be overloaded, or still working on it).
   */
  static RetryConfig getRetries(RetryConfig config, int retries) {
    config.setRetries(retries);
    config.setMethods(HttpMethod.GET);
    config.setSeries();
    config.setStatuses();
    config.setExceptions(ConnectException.class);
    return config;
  }

  /** Counts routed requests under their route's path pattern (see the class). */
  @Bean
  RouteObservationConvention routeObservationConvention(
      RoutingProperties services, DevToolsProperties devTools) {
    return new RouteObservationConvention(ServiceRoutes.of(services, devTools.enabled()));
  }

  @Bean
  DevToolsGuardWebFilter gatewayDevToolsGuard(DevToolsProperties devTools) {
    return new DevToolsGuardWebFilter(devTools);
  }
}
