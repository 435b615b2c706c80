package dev.passbridge.gateway.session.internal;

import dev.passbridge.gateway.session.SessionProperties;
import dev.passbridge.gateway.session.SessionWebFilter;
import dev.passbridge.gateway.session.VerifiedTokenCache;
import dev.passbridge.platform.core.session.SessionTokenVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

/** Wires the edge session check: JWKS client (load-balanced for {@code lb://}), revocations. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

  @Bean
  RemoteJwks gatewaySessionKeys(
      SessionProperties properties,
      Clock clock,
      ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
    URI jwksUri = properties.jwksUri();
    WebClient.Builder client = WebClient.builder();
    URI target = jwksUri;
    if ("lb".equalsIgnoreCase(jwksUri.getScheme())) {
      ReactorLoadBalancerExchangeFilterFunction lb = loadBalancer.getIfAvailable();
      if (lb == null) {
        throw new IllegalStateException(
            "passbridge.session.jwks-uri uses lb:// but Spring Cloud LoadBalancer is not available");
      }
      client.filter(lb);
      target = UriComponentsBuilder.fromUri(jwksUri).scheme("http").build(true).toUri();
    }
    WebClient webClient = client.build();
    URI finalTarget = target;
    return new RemoteJwks(
        () ->
            webClient
                .get()
                .uri(finalTarget)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class),
        clock,
        properties.jwksCacheTtl(),
        properties.jwksMinRefreshInterval(),
        properties.jwksTimeout());
  }

  @Bean
  SessionWebFilter gatewaySessionWebFilter(
      SessionProperties properties,
      Clock clock,
      RemoteJwks keys,
      ReactiveStringRedisTemplate redis,
      MeterRegistry meters) {
    return new SessionWebFilter(
        properties,
        new SessionTokenVerifier(properties.issuer(), properties.clockSkew(), clock),
        keys,
        new RedisRevocations(redis, properties.revocationTimeout()),
        new VerifiedTokenCache(properties.verifiedTokenCacheSize()),
        clock,
        meters);
  }
}
