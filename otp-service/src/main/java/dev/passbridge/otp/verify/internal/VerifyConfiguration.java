package dev.passbridge.otp.verify.internal;

import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.OtpPolicy;
import dev.passbridge.otp.verify.OtpVerifier;
import dev.passbridge.platform.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The verify feature: the verifier. */
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
