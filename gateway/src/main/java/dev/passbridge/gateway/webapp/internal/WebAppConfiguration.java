package dev.passbridge.gateway.webapp.internal;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import dev.passbridge.gateway.routing.DevToolsProperties;
import dev.passbridge.gateway.webapp.WebAppProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The web app is static (classpath {@code static/}, served by WebFlux); its few settings come from
 * {@code GET /app-config.json} so the pages stay plain files without inline script (CSP).
 */
@Configuration(proxyBeanMethods = false)
class WebAppConfiguration {

  static final String CONFIG_PATH = "/app-config.json";

  @Bean
  RouterFunction<ServerResponse> gatewayWebAppConfig(
      WebAppProperties webApp, DevToolsProperties devTools) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("conditionalCreateTimeoutMs", webApp.conditionalCreateTimeout().toMillis());
    config.put("otpResendCooldownSeconds", webApp.otpResendCooldown().toSeconds());
    config.put("rpId", webApp.rpId().isBlank() ? null : webApp.rpId());
    config.put("devTools", devTools.enabled());
    Map<String, Object> body = java.util.Collections.unmodifiableMap(config);
    return route(
        GET(CONFIG_PATH),
        request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body));
  }
}
