package dev.passbridge.otp.sms.internal;

import dev.passbridge.otp.sms.SmsProperties;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.SmsTexts;
import dev.passbridge.otp.sms.TwilioProperties;
import dev.passbridge.otp.sms.VonageProperties;
import dev.passbridge.otp.sms.outbox.internal.DevSmsOutbox;
import dev.passbridge.otp.sms.provider.HttpSmsSender;
import dev.passbridge.otp.sms.provider.ProviderClient;
import dev.passbridge.otp.sms.provider.internal.TwilioSmsSender;
import dev.passbridge.otp.sms.provider.internal.VonageSmsSender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Picks the {@link SmsSender} adapter from {@code passbridge.otp.sms.sender}: {@code outbox},
 * {@code http}, {@code twilio} or {@code vonage}. A provider whose settings are incomplete stops
 * the start with the names of the missing properties. The outbox keeps every code in plain text in
 * Redis ({@code otp:outbox:*}), so outside the {@code local} profile it stops the start too, as the
 * secrets check refuses the demo secrets there (docs/CONVENTIONS.md, "Secrets").
 */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {
  private static final ProviderClient.Sleeper SLEEP = d -> Thread.sleep(d);

  /** The profile of the launcher and the demo, the only one that may use the outbox. */
  private static final String LOCAL_PROFILE = "local";

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
      SmsProperties properties,
      TwilioProperties twilio,
      VonageProperties vonage,
      DevSmsOutbox outbox,
      JsonMapper json,
      MeterRegistry meters,
      Environment environment) {
    SmsSender sender =
        switch (properties.sender()) {
          case OUTBOX -> {
            requireLocalProfile(environment);
            yield outbox;
          }
          case HTTP -> {
            HttpSmsSender http = new HttpSmsSender(properties.provider(), json, SLEEP);
            circuitGauge(meters, http::circuitState);
            yield http;
          }
          case TWILIO -> {
            TwilioSmsSender t = new TwilioSmsSender(twilio, properties.provider(), json, SLEEP);
            circuitGauge(meters, t::circuitState);
            yield t;
          }
          case VONAGE -> {
            VonageSmsSender v = new VonageSmsSender(vonage, properties.provider(), json, SLEEP);
            circuitGauge(meters, v::circuitState);
            yield v;
          }
        };
    return new MeteredSmsSender(sender, meters);
  }

  /** The outbox is the local profile's demo sender only (the message names no value). */
  private static void requireLocalProfile(Environment environment) {
    if (!environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
      throw new IllegalStateException(
          "passbridge.otp.sms.sender=outbox keeps the codes readable in Redis and is for the local"
              + " profile only; outside it set passbridge.otp.sms.sender (env"
              + " PASSBRIDGE_OTP_SMS_SENDER) to http, twilio or vonage");
    }
  }

  private static void circuitGauge(MeterRegistry meters, Supplier<CircuitBreaker.State> state) {
    Gauge.builder(
            "passbridge.otp.sms.circuit.open",
            state,
            s ->
                s.get() == CircuitBreaker.State.OPEN || s.get() == CircuitBreaker.State.FORCED_OPEN
                    ? 1
                    : 0)
        .description("1 while the SMS provider circuit breaker refuses calls")
        .strongReference(true)
        .register(meters);
  }
}
