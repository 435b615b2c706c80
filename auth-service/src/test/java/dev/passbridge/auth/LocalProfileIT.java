package dev.passbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.testsupport.EventCapture;
import dev.passbridge.testsupport.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The launcher's shape: profile {@code local}, H2 in PostgreSQL mode (the same Flyway migrations),
 * demo users seeded, generous limits. Real Kafka and Redis.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=auth-service",
      "spring.application.name=auth-service-local-it"
    })
@ActiveProfiles("local")
class LocalProfileIT {
  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerKafka(registry);
    TestInfrastructure.registerRedis(registry);
  }

  @LocalServerPort int port;

  @Test
  void demoUsersLogInOnH2() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (var capture =
        EventCapture.of(
            TestInfrastructure.kafkaBootstrapServers(), Topics.PASSWORD_AUTHENTICATED)) {
      for (String[] demo :
          new String[][] {
            {"alice", "passbridge-alice-1"},
            {"bob", "passbridge-bob-1"},
            {"admin", "passbridge-admin-1"}
          }) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/login"))
                    .header("Content-Type", "application/json")
                    .header("Origin", "http://localhost:8080")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"" + demo[0] + "\",\"password\":\"" + demo[1] + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(demo[0] + ": " + r.body()).isEqualTo(200);
      }
      PasswordAuthenticated admin =
          capture.await(PasswordAuthenticated.class, e -> e.username().equals("admin"));
      assertThat(admin.secondFactor().destination()).isEqualTo("+4915110000009");
    }
  }
}
