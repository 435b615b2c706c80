package dev.passbridge.gateway.apidocs.internal;

import dev.passbridge.gateway.ratelimit.RateLimitProperties;
import dev.passbridge.gateway.routing.DevToolsProperties;
import dev.passbridge.gateway.routing.RoutingProperties;
import dev.passbridge.gateway.routing.ServiceRoutes;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires {@link ServiceDocuments} to the same services and routes the gateway uses: {@code
 * lb://<service-id>} goes through Spring Cloud LoadBalancer (as the routes do), a plain {@code
 * http://host:port} straight there.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

  @Bean
  ServiceDocuments serviceDocuments(
      RoutingProperties services,
      DevToolsProperties devTools,
      RateLimitProperties rateLimits,
      ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
    WebClient direct = WebClient.builder().build();
    ReactorLoadBalancerExchangeFilterFunction lb = loadBalancer.getIfAvailable();
    WebClient balanced = lb == null ? direct : WebClient.builder().filter(lb).build();
    return new ServiceDocuments(
        ServiceRoutes.of(services, devTools.enabled()),
        service ->
            "lb".equals(service.getScheme())
                ? balanced.mutate().baseUrl("http://" + service.getHost()).build()
                : direct.mutate().baseUrl(base(service)).build(),
        JsonMapper.builder().build(),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        rateLimits.enabled()
            ? rateLimits.rules().values().stream()
                .map(rule -> new ApiDocsMerge.Limit(rule.method(), rule.path()))
                .toList()
            : List.of());
  }

  private static String base(URI service) {
    String s = service.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
