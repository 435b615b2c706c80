package dev.passbridge.otp.issue.internal;

import dev.passbridge.otp.OtpProperties;
import dev.passbridge.otp.issue.OtpIssuer;
import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.OtpPolicy;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.SmsTexts;
import dev.passbridge.platform.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The issue feature: the issuer and its event deduplication. */
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
      MeterRegistry meters,
      EventPublisher events) {
    return new OtpIssuer(policy, store, dedupe, sms, texts, clock, meters, events);
  }
}
