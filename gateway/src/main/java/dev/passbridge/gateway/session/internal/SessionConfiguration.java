package dev.passbridge.gateway.session.internal;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.passbridge.gateway.connect.ConnectProperties;
import dev.passbridge.gateway.session.SessionProperties;
import dev.passbridge.gateway.session.SessionWebFilter;
import dev.passbridge.gateway.session.VerifiedTokenCache;
import dev.passbridge.platform.core.problem.Problem;
import dev.passbridge.platform.core.session.SessionTokenVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/** Wires the edge session check: JWKS client (load-balanced for {@code lb://}), revocations. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

  @Bean
  RemoteJwks gatewaySessionKeys(
      SessionProperties properties,
      Clock clock,
      ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
    return remoteJwks(properties.jwksUri(), properties, clock, loadBalancer);
  }

  /**
   * {@code GET /.well-known/jwks.json}, the public key set: auth-service's session keys (which also
   * sign connect tokens) and passkey-service's login-result keys, merged here from the two cached
   * sets so a platform verifies both kinds of token with one document. A set that cannot be fetched
   * is left out (the other still answers); 503 when neither is available.
   */
  @Bean
  RouterFunction<ServerResponse> gatewayPublicJwks(
      RemoteJwks gatewaySessionKeys,
      ConnectProperties connect,
      SessionProperties properties,
      Clock clock,
      ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
    RemoteJwks loginResultKeys =
        remoteJwks(connect.loginResultJwksUri(), properties, clock, loadBalancer);
    return route(
        GET("/.well-known/jwks.json"),
        request ->
            Mono.zip(
                    keysOrNone(gatewaySessionKeys.current()), keysOrNone(loginResultKeys.current()))
                .flatMap(
                    both -> {
                      List<JWK> keys = new ArrayList<>(both.getT1().getKeys());
                      both.getT2().getKeys().stream()
                          .filter(
                              k -> keys.stream().noneMatch(m -> m.getKeyID().equals(k.getKeyID())))
                          .forEach(keys::add);
                      if (keys.isEmpty()) {
                        Problem problem =
                            Problem.serviceUnavailable("The keys cannot be read right now.");
                        return ServerResponse.status(problem.status())
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                            .header("Retry-After", "1")
                            .bodyValue(problem.members());
                      }
                      return ServerResponse.ok()
                          .contentType(MediaType.APPLICATION_JSON)
                          .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                          .bodyValue(new JWKSet(keys).toJSONObject(true));
                    }));
  }

  private static Mono<JWKSet> keysOrNone(Mono<JWKSet> keys) {
    return keys.onErrorResume(error -> Mono.just(new JWKSet()));
  }

  private static RemoteJwks remoteJwks(
      URI jwksUri,
      SessionProperties properties,
      Clock clock,
      ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
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
  RedisWarmUp gatewayRedisWarmUp(ReactiveStringRedisTemplate redis) {
    return new RedisWarmUp(redis);
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
