package dev.passbridge.gateway.connect.internal;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import dev.passbridge.gateway.connect.ConnectCorsWebFilter;
import dev.passbridge.gateway.connect.ConnectOrigins;
import dev.passbridge.gateway.connect.ConnectProperties;
import dev.passbridge.gateway.webapp.WebAppProperties;
import dev.passbridge.platform.core.connect.ConnectClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Wires Connect mode at the edge: the clients, CORS, and the related-origins document. */
@Configuration(proxyBeanMethods = false)
class ConnectConfiguration {

  @Bean
  ConnectClients gatewayConnectClients(ConnectProperties properties) {
    return properties.toClients();
  }

  @Bean
  ConnectCorsWebFilter gatewayConnectCorsWebFilter(ConnectClients clients) {
    return new ConnectCorsWebFilter(clients);
  }

  /**
   * {@code GET /.well-known/webauthn}: the client origins outside the RP ID's domain, so browsers
   * let their pages use this RP's passkeys (WebAuthn related origins). The RP ID is {@code
   * passbridge.web-app.rp-id}, or the request's host when that is empty.
   */
  @Bean
  RouterFunction<ServerResponse> gatewayRelatedOrigins(
      ConnectClients clients, WebAppProperties webApp) {
    return route(
        GET("/.well-known/webauthn"),
        request -> {
          String rpId = webApp.rpId().isBlank() ? request.uri().getHost() : webApp.rpId();
          List<String> origins = ConnectOrigins.relatedOrigins(clients.allOrigins(), rpId);
          return ServerResponse.ok()
              .contentType(MediaType.APPLICATION_JSON)
              .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
              .bodyValue(Map.of("origins", origins));
        });
  }
}
