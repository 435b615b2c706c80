package dev.passbridge.otp.resend.internal;

import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.OtpPolicy;
import dev.passbridge.otp.resend.OtpResender;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.SmsTexts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The resend feature: the resender. */
@Configuration(proxyBeanMethods = false)
class ResendConfiguration {

  @Bean
  OtpResender otpResender(
      OtpPolicy policy,
      ChallengeStore store,
      SmsSender sms,
      SmsTexts texts,
      Clock clock,
      MeterRegistry meters) {
    return new OtpResender(policy, store, sms, texts, clock, meters);
  }
}
