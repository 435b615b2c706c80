package dev.passbridge.otp.verify;

import dev.passbridge.otp.code.ChallengeStore;
import dev.passbridge.otp.code.OtpPolicy;
import dev.passbridge.platform.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VerifyConfiguration {

  @Bean
  OtpVerifier otpVerifier(
      OtpPolicy policy,
      ChallengeStore store,
      EventPublisher events,
      Clock clock,
      MeterRegistry meters) {
    return new OtpVerifier(policy, store, events, clock, meters);
  }
}
