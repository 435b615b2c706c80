package dev.passbridge.gateway.routing;

import static dev.passbridge.gateway.support.Backends.AUTH_1;
import static dev.passbridge.gateway.support.Backends.AUTH_2;
import static dev.passbridge.gateway.support.Backends.OTP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.support.Backends;
import dev.passbridge.testsupport.TestInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The local profile: dev tools on, generous limits for demos and acceptance runs. */
@ActiveProfiles("local")
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=gateway",
      "management.server.port=0",
      "passbridge.gateway.rate-limit.key-prefix=gw:rl:it-local:",
      "logging.structured.format.console=",
    })
class LocalProfileIT {
  @LocalServerPort int port;
  WebTestClient client;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerRedis(registry);
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
  void routesTheDevSmsOutboxToOtpService() {
    client
        .get()
        .uri("/api/dev/sms?loginId=abc")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.instance")
        .isEqualTo("otp-1")
        .jsonPath("$.path")
        .isEqualTo("/api/dev/sms")
        .jsonPath("$.query")
        .isEqualTo("loginId=abc");
    assertThat(OTP.received("/api/dev/sms")).hasSize(1);
  }

  @Test
  void servesSwaggerUiOverTheMergedApiDocs() {
    client
        .get()
        .uri("/webjars/swagger-ui/index.html")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.TEXT_HTML);
    client
        .get()
        .uri("/v3/api-docs/swagger-config")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.url")
        .isEqualTo("/api-docs");
  }

  @Test
  void servesTheDevInboxPageAndSaysDevToolsAreOn() {
    client
        .get()
        .uri("/dev-sms.html")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.TEXT_HTML);
    client
        .get()
        .uri("/app-config.json")
        .exchange()
        .expectBody()
        .jsonPath("$.devTools")
        .isEqualTo(true);
  }

  @Test
  void letsAnAcceptanceRunOfDozensOfLoginsFromOneAddressThrough() {
    for (int i = 0; i < 40; i++) {
      client
          .post()
          .uri("/api/auth/login")
          .header("Origin", "http://localhost:8080")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"username\":\"alice\",\"password\":\"x\"}")
          .exchange()
          .expectStatus()
          .isOk();
    }
    assertThat(
            AUTH_1.received("/api/auth/login").size() + AUTH_2.received("/api/auth/login").size())
        .isEqualTo(40);
  }
}
