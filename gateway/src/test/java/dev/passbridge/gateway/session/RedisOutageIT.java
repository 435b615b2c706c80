package dev.passbridge.gateway.session;

import static dev.passbridge.gateway.support.Backends.AUTH_1;
import static dev.passbridge.gateway.support.Backends.AUTH_2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.support.Backends;
import dev.passbridge.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Redis is down (nothing listens on the configured port): rate limits fail open, the session check
 * fails closed.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=gateway",
      "management.server.port=0",
      "spring.data.redis.host=127.0.0.1",
      "spring.data.redis.connect-timeout=300ms",
      "logging.structured.format.console=",
    })
class RedisOutageIT {
  @LocalServerPort int port;
  WebTestClient client;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    int deadPort = TestInfrastructure.freePort();
    registry.add("spring.data.redis.port", () -> deadPort);
    Backends.register(registry);
  }

  @BeforeEach
  void setUp() {
    client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(20))
            .build();
    Backends.resetAll();
  }

  @Test
  void rateLimitedEndpointsStayAvailable() {
    client
        .post()
        .uri("/api/auth/login")
        .header("Origin", "http://localhost:8080")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(
            AUTH_1.received("/api/auth/login").size() + AUTH_2.received("/api/auth/login").size())
        .isEqualTo(1);
  }

  @Test
  void protectedRoutesFailClosedWhenRevocationsCannotBeRead() {
    client
        .get()
        .uri("/api/me")
        .cookie("pb_session", Backends.userSession(UUID.randomUUID()))
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals("Retry-After", "1")
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("service-unavailable");
    assertThat(AUTH_1.received("/api/me").size() + AUTH_2.received("/api/me").size()).isZero();
  }
}
