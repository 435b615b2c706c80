package dev.passbridge.auth.ratelimit.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

  @Bean
  RedisRateCounters authRateCounters(StringRedisTemplate redis) {
    return new RedisRateCounters(redis);
  }
}
