package dev.passbridge.otp.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.otp.sms.SmsProperties;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.TwilioProperties;
import dev.passbridge.otp.sms.VonageProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** {@code passbridge.otp.sms.sender} picks the adapter; a provider without its settings stops. */
class SmsConfigurationTest {

  /** What the SMS wiring needs from the rest of the service (Redis is never connected here). */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({
    SmsProperties.class,
    TwilioProperties.class,
    VonageProperties.class
  })
  static class Needs {
    @Bean
    StringRedisTemplate redis() {
      return new StringRedisTemplate(new LettuceConnectionFactory());
    }

    @Bean
    JsonMapper json() {
      return JsonMapper.builder().build();
    }

    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }

    @Bean
    MeterRegistry meters() {
      return new SimpleMeterRegistry();
    }
  }

  final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Needs.class, SmsConfiguration.class);

  @Test
  void twilioIsSelectedByConfiguration() {
    runner
        .withPropertyValues(
            "passbridge.otp.sms.sender=twilio",
            "passbridge.otp.sms.twilio.account-sid=AC0123",
            "passbridge.otp.sms.twilio.auth-token=tok",
            "passbridge.otp.sms.twilio.from=+15005550006")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(SmsSender.class).name()).isEqualTo("twilio");
              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .get("passbridge.otp.sms.circuit.open")
                          .gauge()
                          .value())
                  .isZero();
            });
  }

  @Test
  void vonageIsSelectedByConfiguration() {
    runner
        .withPropertyValues(
            "passbridge.otp.sms.sender=vonage",
            "passbridge.otp.sms.vonage.api-key=abcd1234",
            "passbridge.otp.sms.vonage.api-secret=secret")
        .run(context -> assertThat(context.getBean(SmsSender.class).name()).isEqualTo("vonage"));
  }

  @Test
  void httpAndOutboxStaySelectable() {
    runner
        .withPropertyValues(
            "passbridge.otp.sms.sender=http", "passbridge.otp.sms.provider.url=http://127.0.0.1:1/")
        .run(context -> assertThat(context.getBean(SmsSender.class).name()).isEqualTo("http"));
    runner
        .withPropertyValues("passbridge.otp.sms.sender=outbox", "spring.profiles.active=local")
        .run(context -> assertThat(context.getBean(SmsSender.class).name()).isEqualTo("outbox"));
    runner
        .withPropertyValues(
            "passbridge.otp.sms.sender=outbox", "spring.profiles.active=demo,local,bench")
        .run(context -> assertThat(context.getBean(SmsSender.class).name()).isEqualTo("outbox"));
  }

  /**
   * The outbox keeps every code readable in Redis ({@code otp:outbox:*}): outside the local profile
   * it stops the start, naming the property and the way out (and no value of anything).
   */
  @Test
  void theOutboxOutsideTheLocalProfileStopsTheStart() {
    for (String profiles : new String[] {"", "production", "locally,demo"}) {
      runner
          .withPropertyValues(
              "passbridge.otp.sms.sender=outbox", "spring.profiles.active=" + profiles)
          .run(
              context ->
                  assertThat(context)
                      .as("profiles '%s'", profiles)
                      .getFailure()
                      .rootCause()
                      .isInstanceOf(IllegalStateException.class)
                      .hasMessageContaining("passbridge.otp.sms.sender=outbox")
                      .hasMessageContaining("local profile only")
                      .hasMessageContaining("PASSBRIDGE_OTP_SMS_SENDER"));
    }
  }

  @Test
  void aProviderWithoutCredentialsStopsTheStartNamingWhatIsMissing() {
    runner
        .withPropertyValues(
            "passbridge.otp.sms.sender=twilio", "passbridge.otp.sms.twilio.account-sid=AC0123")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("passbridge.otp.sms.twilio.auth-token")
                    .hasMessageContaining("passbridge.otp.sms.twilio.from"));
    runner
        .withPropertyValues("passbridge.otp.sms.sender=vonage")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("passbridge.otp.sms.vonage.api-key")
                    .hasMessageContaining("passbridge.otp.sms.vonage.api-secret"));
  }
}
