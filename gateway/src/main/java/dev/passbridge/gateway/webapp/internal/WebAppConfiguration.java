package dev.passbridge.gateway.webapp.internal;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import dev.passbridge.gateway.routing.DevToolsProperties;
import dev.passbridge.gateway.webapp.WebAppProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The web app is static (classpath {@code static/}, served by WebFlux); its few settings come from
 * {@code GET /app-config.json} so the pages stay plain files without inline script (CSP). The web
 * SDK (module {@code web-sdk}, classpath {@code META-INF/resources/sdk/v1/}) is served at {@code
 * /sdk/v1/}: the hosted pages import it from there, Connect clients' pages load it cross-origin.
 */
@Configuration(proxyBeanMethods = false)
class WebAppConfiguration {

  static final String CONFIG_PATH = "/app-config.json";
  static final String SDK_PATH = "/sdk/v1/**";
  static final String SDK_LOCATION = "classpath:/META-INF/resources/sdk/v1/";

  /**
   * A versioned path, so it may be cached; an hour (with revalidation by Last-Modified after it)
   * keeps a fix within v1 reaching the browsers the same day.
   */
  static final Duration SDK_MAX_AGE = Duration.ofHours(1);

  @Bean
  WebFluxConfigurer gatewayWebSdkResources() {
    return new WebFluxConfigurer() {
      @Override
      public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry
            .addResourceHandler(SDK_PATH)
            .addResourceLocations(SDK_LOCATION)
            .setCacheControl(CacheControl.maxAge(SDK_MAX_AGE).cachePublic());
      }
    };
  }

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
