package dev.passbridge.otp;

import dev.passbridge.otp.code.ChallengeStore;
import dev.passbridge.otp.code.CodeGenerator;
import dev.passbridge.otp.code.CodeHasher;
import dev.passbridge.otp.code.OtpPolicy;
import dev.passbridge.otp.code.internal.RedisChallengeStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The code policy and its Redis store. */
@Configuration(proxyBeanMethods = false)
class OtpConfiguration {

  @Bean
  OtpPolicy otpPolicy(OtpProperties properties) {
    return new OtpPolicy(
        properties.limits(), new CodeGenerator(), new CodeHasher(properties.hmacKeyBytes()));
  }

  @Bean
  ChallengeStore otpChallengeStore(
      StringRedisTemplate redis, Clock clock, OtpProperties properties) {
    return new RedisChallengeStore(redis, clock, properties.accountWindow());
  }
}
