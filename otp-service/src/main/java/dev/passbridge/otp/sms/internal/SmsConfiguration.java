package dev.passbridge.otp.sms.internal;

import dev.passbridge.otp.sms.SmsProperties;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.SmsTexts;
import dev.passbridge.otp.sms.outbox.internal.DevSmsOutbox;
import dev.passbridge.otp.sms.provider.HttpSmsSender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Picks the {@link SmsSender} adapter from {@code passbridge.otp.sms.sender}. */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

  @Bean
  SmsTexts otpSmsTexts(SmsProperties properties) {
    return new SmsTexts(properties);
  }

  /** Always present: the dev inbox reads it; it only receives messages when it is the sender. */
  @Bean
  DevSmsOutbox otpDevSmsOutbox(
      StringRedisTemplate redis, JsonMapper json, SmsProperties properties, Clock clock) {
    return new DevSmsOutbox(redis, json, properties.outboxTtl(), clock);
  }

  /** Primary: the outbox bean is an {@link SmsSender} too. Timed per send. */
  @Bean
  @Primary
  SmsSender otpSmsSender(
      SmsProperties properties, DevSmsOutbox outbox, JsonMapper json, MeterRegistry meters) {
    SmsSender sender =
        switch (properties.sender()) {
          case OUTBOX -> outbox;
          case HTTP -> {
            HttpSmsSender http = new HttpSmsSender(properties.provider(), json);
            Gauge.builder(
                    "passbridge.otp.sms.circuit.open",
                    http,
                    s ->
                        s.circuitState() == CircuitBreaker.State.OPEN
                                || s.circuitState() == CircuitBreaker.State.FORCED_OPEN
                            ? 1
                            : 0)
                .description("1 while the SMS provider circuit breaker refuses calls")
                .register(meters);
            yield http;
          }
        };
    return new MeteredSmsSender(sender, meters);
  }
}
