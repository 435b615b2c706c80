package dev.passbridge.otp.issue;

import dev.passbridge.otp.OtpProperties;
import dev.passbridge.otp.code.ChallengeStore;
import dev.passbridge.otp.code.OtpPolicy;
import dev.passbridge.otp.issue.internal.EventDeduplicator;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.SmsTexts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class IssueConfiguration {

  @Bean
  EventDeduplicator otpEventDeduplicator(StringRedisTemplate redis, OtpProperties properties) {
    return new EventDeduplicator(redis, properties.dedupeTtl());
  }

  @Bean
  OtpIssuer otpIssuer(
      OtpPolicy policy,
      ChallengeStore store,
      EventDeduplicator dedupe,
      SmsSender sms,
      SmsTexts texts,
      Clock clock,
      MeterRegistry meters) {
    return new OtpIssuer(policy, store, dedupe, sms, texts, clock, meters);
  }

  @Bean
  PasswordAuthenticatedListener otpPasswordAuthenticatedListener(OtpIssuer issuer) {
    return new PasswordAuthenticatedListener(issuer);
  }
}
