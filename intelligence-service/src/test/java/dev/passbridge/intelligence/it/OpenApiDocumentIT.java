package dev.passbridge.intelligence.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.platform.kafka.EventPublisher;
import dev.passbridge.platform.openapi.OpenApiAnswerChecks;
import dev.passbridge.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * intelligence-service's OpenAPI document ({@code /v3/api-docs}, merged by the gateway into {@code
 * /api-docs}) against the answers the insights API sends: each object says which of its properties
 * are always there, and real answers match their schemas, required properties included. (The
 * document's operations against the controllers: IntelligenceServiceIT.) Its own rules and funnel
 * topics, so its rules changes touch no other test.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=intelligence-service",
      "spring.application.name=intelligence-openapi-it",
      "passbridge.intelligence.instance-id=intelligence-openapi-it-1",
      "passbridge.intelligence.rules-topic=intelligence-openapi-it-rules",
      "passbridge.intelligence.funnel-topic=intelligence-openapi-it-funnel"
    })
@Import(TestSessions.class)
class OpenApiDocumentIT {
  static final Path STATE_DIR = tempDir();
  static final String ORIGIN = "http://localhost:8080";

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerKafka(registry);
    TestInfrastructure.registerRedis(registry);
    registry.add("passbridge.intelligence.state-dir", STATE_DIR::toString);
  }

  @LocalServerPort int port;
  @Autowired EventPublisher events;
  @Autowired StreamsBuilderFactoryBean streams;

  final HttpClient http = HttpClient.newHttpClient();
  final String admin = TestSessions.token(UUID.randomUUID(), List.of("user", "admin"));
  JsonNode document;

  @BeforeEach
  void readTheDocument() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (streams.getKafkaStreams() == null
        || streams.getKafkaStreams().state() != KafkaStreams.State.RUNNING) {
      assertThat(System.nanoTime()).as("Kafka Streams is RUNNING").isLessThan(deadline);
      sleep(50);
    }
    HttpResponse<String> response = send("GET", "/v3/api-docs", null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    document = JsonMapper.builder().build().readTree(response.body());
    // kept for whoever reads or edits the API
    Files.writeString(Path.of("target", "api-docs.json"), response.body());
  }

  /**
   * Every object an answer of the insights API sends says which of its properties are always there,
   * so a generated client does not take each one as optional; a new answer record without {@code
   * required} fails here.
   */
  @Test
  void theAnswersMarkWhatTheyAlwaysSend() {
    // RulesConfig is the PUT body's schema too, where every setting may be left out (it takes its
    // default), while an answer always has them all: one schema cannot say both. RuleResult (a
    // preview's trace entry) is contracts' record, the events' trace entry.
    Set<String> notMarkedHere = Set.of("RulesConfig", "RuleResult");
    assertThat(
            OpenApiAnswerChecks.withoutRequired(
                document, path -> path.startsWith("/api/"), notMarkedHere))
        .isEmpty();
  }

  /**
   * The insights API's answers as the service sends them, read against the document (required
   * properties included, null only where the schema allows it): the funnel with a login counted,
   * whole and for one source; the rules in force, changed, with their history, reset, and a
   * preview; and refusals.
   */
  @Test
  void theAnswersAreWhatTheDocumentSays() {
    List<String> found = new ArrayList<>();
    UUID user = UUID.randomUUID();
    String loginId = Fixtures.loginId();
    Instant now = Instant.now();
    events.publishAndWait(
        Fixtures.password(
            user, loginId, true, Fixtures.ALL_CAPABILITIES, Fixtures.IOS_SAFARI_18, now));
    events.publishAndWait(Fixtures.otpVerified(user, loginId, now.plusSeconds(1)));
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    String funnel = "/api/insights/funnel?from=" + today + "&to=" + today;
    HttpResponse<String> report = send("GET", funnel, null);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (json(report).path("total").path("passwordLogins").asLong() == 0
        && System.nanoTime() < deadline) {
      sleep(100);
      report = send("GET", funnel, null);
    }
    assertThat(json(report).path("days")).as(report.body()).isNotEmpty();
    found.addAll(answer("get", "/api/insights/funnel", report, 200));
    found.addAll(
        answer("get", "/api/insights/funnel", send("GET", funnel + "&source=HOSTED", null), 200));
    found.addAll(
        answer(
            "get",
            "/api/insights/funnel",
            send("GET", "/api/insights/funnel?from=garbage", null),
            400));

    found.addAll(
        answer("get", "/api/insights/rules", send("GET", "/api/insights/rules", null), 200));
    HttpResponse<String> changed =
        send(
            "PUT",
            "/api/insights/rules",
            "{\"rules\":{\"rolloutPercent\":60},\"reason\":\"document check\"}");
    found.addAll(answer("put", "/api/insights/rules", changed, changed.statusCode()));
    assertThat(changed.statusCode()).as(changed.body()).isIn(200, 202);
    HttpResponse<String> withHistory = send("GET", "/api/insights/rules", null);
    assertThat(json(withHistory).path("recentChanges")).isNotEmpty();
    found.addAll(answer("get", "/api/insights/rules", withHistory, 200));
    found.addAll(
        answer(
            "put",
            "/api/insights/rules",
            send("PUT", "/api/insights/rules", "{\"rolloutPercent\":150}"),
            400));
    HttpResponse<String> reset = send("DELETE", "/api/insights/rules", null);
    assertThat(reset.statusCode()).as(reset.body()).isIn(200, 202);
    found.addAll(answer("delete", "/api/insights/rules", reset, reset.statusCode()));
    for (String preview :
        List.of(
            "{\"login\":{\"platform\":{\"os\":\"iOS\",\"osVersion\":\"18.2\",\"browser\":"
                + "\"Safari\",\"browserVersion\":\"18.2\",\"deviceClass\":\"Phone\"},"
                + "\"autofilled\":true,\"capabilities\":{\"conditionalCreate\":true,"
                + "\"passkeyPlatformAuthenticator\":true}}}",
            "{\"login\":{\"platform\":{\"os\":\"Windows\",\"osVersion\":\"10\",\"browser\":"
                + "\"Firefox\",\"browserVersion\":\"140\",\"deviceClass\":\"Desktop\"}}}")) {
      found.addAll(
          answer(
              "post",
              "/api/insights/rules/preview",
              send("POST", "/api/insights/rules/preview", preview),
              200));
    }
    found.addAll(
        answer(
            "post",
            "/api/insights/rules/preview",
            send("POST", "/api/insights/rules/preview", "{\"login\":{\"platform\":5}}"),
            400));
    assertThat(found).isEmpty();
  }

  /** The answer's mismatches with the document, after checking it is the one meant. */
  List<String> answer(String method, String path, HttpResponse<String> response, int status) {
    assertThat(response.statusCode())
        .as("%s %s: %s", method, path, response.body())
        .isEqualTo(status);
    return OpenApiAnswerChecks.mismatches(
        document,
        method,
        path,
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(null),
        response.body());
  }

  /** An admin's request; {@code body} (JSON) or null. */
  HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Cookie", "pb_session=" + admin)
            .header("Origin", ORIGIN);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return JsonMapper.builder().build().readTree(response.body());
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("intelligence-openapi-it-state");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
