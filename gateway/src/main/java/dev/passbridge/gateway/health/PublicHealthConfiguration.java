package dev.passbridge.gateway.health;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The actuator lives on the management port (8090: metrics must not be public), but load balancers,
 * container health checks and the launcher ask the public port: {@code /actuator/health}, {@code
 * /actuator/health/liveness} and {@code /actuator/health/readiness} answer there with the status
 * only ({@code {"status":"UP"}}, 200, or 503 when down), computed by the actuator's own health
 * endpoint. Everything else under {@code /actuator} stays 404 on the public port. When the
 * management port is the server port (local profile), the actuator answers itself and this is not
 * registered.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class PublicHealthConfiguration {

  @Bean
  RouterFunction<ServerResponse> gatewayPublicHealth(ReactiveHealthEndpointWebExtension health) {
    return route(GET("/actuator/health"), request -> status(health))
        .andRoute(GET("/actuator/health/liveness"), request -> status(health, "liveness"))
        .andRoute(GET("/actuator/health/readiness"), request -> status(health, "readiness"));
  }

  private static Mono<ServerResponse> status(
      ReactiveHealthEndpointWebExtension health, String... group) {
    return health
        .health(ApiVersion.LATEST, WebServerNamespace.MANAGEMENT, SecurityContext.NONE, group)
        .flatMap(
            response -> {
              String status =
                  response.getBody() == null ? "UNKNOWN" : response.getBody().getStatus().getCode();
              return ServerResponse.status(HttpStatusCode.valueOf(response.getStatus()))
                  .contentType(MediaType.APPLICATION_JSON)
                  .bodyValue(Map.of("status", status));
            });
  }
}
