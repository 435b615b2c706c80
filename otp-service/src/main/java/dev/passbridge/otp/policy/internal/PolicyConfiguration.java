package dev.passbridge.otp.policy.internal;

import dev.passbridge.otp.OtpProperties;
import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.CodeGenerator;
import dev.passbridge.otp.policy.CodeHasher;
import dev.passbridge.otp.policy.OtpPolicy;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The OTP policy and its Redis store. */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

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
