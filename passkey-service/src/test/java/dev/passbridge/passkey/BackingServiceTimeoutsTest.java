package dev.passbridge.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * An outage of the database or of Redis must answer 503 quickly: waiting for a connection or a
 * command ends well inside the gateway's 10 s response timeout (reliability-tests got a 504 after
 * 10 s with Hikari's default of 30 s and Lettuce's default of 60 s).
 */
class BackingServiceTimeoutsTest {
  static final Duration LIMIT = Duration.ofSeconds(3);

  static Duration setting(String name) throws Exception {
    PropertySource<?> file =
        new YamlPropertySourceLoader()
            .load("passkey-service", new ClassPathResource("passkey-service.yml"))
            .getFirst();
    Object value = file.getProperty(name);
    assertThat(value).as(name).isNotNull();
    String text = value.toString();
    return text.matches("\\d+")
        ? Duration.ofMillis(Long.parseLong(text))
        : DurationStyle.detectAndParse(text);
  }

  @Test
  void waitingForADatabaseConnectionEndsWellBeforeTheGatewayGivesUp() throws Exception {
    assertThat(setting("spring.datasource.hikari.connection-timeout")).isLessThanOrEqualTo(LIMIT);
  }

  @Test
  void waitingForRedisEndsWellBeforeTheGatewayGivesUp() throws Exception {
    assertThat(setting("spring.data.redis.timeout")).isLessThanOrEqualTo(LIMIT);
    assertThat(setting("spring.data.redis.connect-timeout")).isLessThanOrEqualTo(LIMIT);
  }
}
