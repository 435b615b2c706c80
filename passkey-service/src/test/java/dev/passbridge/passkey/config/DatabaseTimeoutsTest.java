package dev.passbridge.passkey.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * A database outage must answer 503 quickly: the pool may wait for a connection only briefly, well
 * inside the gateway's 10 s response timeout (reliability-tests' DatabaseOutageIT got a 504 after
 * 10 s with Hikari's default of 30 s).
 */
class DatabaseTimeoutsTest {
  @Test
  void waitingForADatabaseConnectionEndsWellBeforeTheGatewayGivesUp() throws Exception {
    var sources =
        new YamlPropertySourceLoader()
            .load("passkey-service", new ClassPathResource("passkey-service.yml"));
    Object timeout = sources.getFirst().getProperty("spring.datasource.hikari.connection-timeout");
    assertThat(timeout).as("spring.datasource.hikari.connection-timeout").isNotNull();
    assertThat(Duration.ofMillis(Long.parseLong(timeout.toString())))
        .isLessThanOrEqualTo(Duration.ofSeconds(3));
  }
}
