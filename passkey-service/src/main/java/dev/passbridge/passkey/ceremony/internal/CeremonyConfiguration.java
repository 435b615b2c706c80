package dev.passbridge.passkey.ceremony.internal;

import dev.passbridge.passkey.ceremony.RandomTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the ceremony store (Redis) and the CSPRNG for challenges and ids. */
@Configuration(proxyBeanMethods = false)
class CeremonyConfiguration {

  @Bean
  RedisCeremonyStore passkeyCeremonyStore(StringRedisTemplate redis, JsonMapper json) {
    return new RedisCeremonyStore(redis, json);
  }

  @Bean
  RandomTokens passkeyRandomTokens() {
    return new RandomTokens();
  }
}
