package dev.passbridge.gateway.ratelimit.internal;

import dev.passbridge.gateway.ratelimit.RateLimitProperties;
import dev.passbridge.gateway.ratelimit.RateLimitWebFilter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Wires the rate limits: rules from configuration, the Redis GCRA limiter, the filter. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

  @Bean
  RateLimitWebFilter gatewayRateLimitWebFilter(
      RateLimitProperties properties,
      ReactiveStringRedisTemplate redis,
      Clock clock,
      MeterRegistry meters) {
    // most specific path first, so "/api/passkeys/login/options" wins over "/api/passkeys/login/**"
    List<RateLimitRule> rules =
        properties.rules().entrySet().stream()
            .map(entry -> RateLimitRule.of(entry.getKey(), entry.getValue()))
            .sorted(Comparator.comparing(RateLimitRule::path).thenComparing(RateLimitRule::name))
            .toList();
    return new RateLimitWebFilter(
        rules,
        new RedisGcraLimiter(redis, clock, properties.keyPrefix(), properties.timeout()),
        properties,
        meters);
  }
}
