package dev.passbridge.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.testsupport.TestInfrastructure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web layer's media type and JSON rules, over real HTTP: a wildcard {@code Content-Type} is 415
 * (it was a 500), an {@code Accept} without JSON is 406 before the handler runs (it ran, then 406),
 * answers are JSON only (YAML was negotiable), request bodies are read strictly (numbers and
 * booleans were coerced into strings, the last of two equal keys won), and every Connect answer
 * carries {@code Cache-Control: no-store} (problems had none).
 */
@SpringBootTest(
    classes = MediaTypeRulesIT.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.application.name=media-type-rules-it",
      "spring.kafka.admin.auto-create=false",
      "passbridge.web.max-request-size=1KB"
    })
@ExtendWith(OutputCaptureExtension.class)
class MediaTypeRulesIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String ORIGIN = "http://localhost:8080";
  private static final String THING = "{\"name\":\"lamp\",\"count\":2,\"flag\":true}";

  static final AtomicInteger RUNS = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired JsonMapper applicationMapper;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerRedis(registry);
    TestInfrastructure.registerKafka(registry);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration(
      excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
  static class App {
    record Thing(@NotBlank String name, Integer count, boolean flag, java.time.Instant at) {}

    @RestController
    static class Things {
      @PostMapping("/api/things")
      Map<String, Object> create(@Valid @RequestBody Thing thing) {
        RUNS.incrementAndGet();
        return Map.of("name", thing.name(), "count", String.valueOf(thing.count()));
      }

      @GetMapping("/api/things")
      Map<String, Object> list() {
        RUNS.incrementAndGet();
        return Map.of("things", java.util.List.of("lamp"));
      }

      @PostMapping("/connect/v1/things")
      Map<String, Object> connectCreate(@Valid @RequestBody Thing thing) {
        RUNS.incrementAndGet();
        throw new ProblemException(
            HttpStatus.UNPROCESSABLE_CONTENT, "thing-refused", "No things today.");
      }

      @GetMapping("/connect/v1/things")
      Map<String, Object> connectList() {
        RUNS.incrementAndGet();
        return Map.of("things", java.util.List.of("lamp"));
      }
    }
  }

  @BeforeEach
  void reset() {
    RUNS.set(0);
  }

  private HttpResponse<String> send(
      String method, String path, String contentType, String accept, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .header("Origin", ORIGIN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode problem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("code").asString()).isEqualTo(code);
    assertThat(problem.path("type").asString())
        .isEqualTo("https://passbridge.dev/problems/" + code);
    return problem;
  }

  // 1. a wildcard Content-Type

  @ParameterizedTest(name = "Content-Type {0} → 415")
  @ValueSource(strings = {"*/*", "*", "application/*", "text/*"})
  void aWildcardContentTypeIs415AndNoError(String contentType, CapturedOutput output)
      throws Exception {
    HttpResponse<String> response = send("POST", "/api/things", contentType, null, THING);
    problem(response, 415, "unsupported-media-type");
    assertThat(RUNS).hasValue(0);
    assertThat(output.getAll()).doesNotContain("unexpected failure", "IllegalArgumentException");
  }

  @Test
  void aWildcardContentTypeIs415OnConnectToo() throws Exception {
    problem(send("POST", "/connect/v1/things", "*/*", null, THING), 415, "unsupported-media-type");
    assertThat(RUNS).hasValue(0);
  }

  @Test
  void aWrongContentTypeIsTheSame415() throws Exception {
    problem(send("POST", "/api/things", "text/plain", null, THING), 415, "unsupported-media-type");
    problem(
        send("POST", "/api/things", "application/xml", null, THING), 415, "unsupported-media-type");
  }

  // 2. Accept

  @ParameterizedTest(name = "Accept {0} → 406 before the handler")
  @ValueSource(
      strings = {
        "application/xml",
        "application/yaml",
        "application/cbor",
        "text/html",
        "text/plain",
        "application/json;q=0",
        "image/*"
      })
  void anAcceptWithoutJsonIs406BeforeTheHandlerRuns(String accept) throws Exception {
    problem(send("POST", "/api/things", "application/json", accept, THING), 406, "not-acceptable");
    problem(send("GET", "/api/things", null, accept, null), 406, "not-acceptable");
    problem(
        send("POST", "/connect/v1/things", "application/json", accept, THING),
        406,
        "not-acceptable");
    assertThat(RUNS).hasValue(0);
  }

  @ParameterizedTest(name = "Accept {0} → JSON")
  @ValueSource(
      strings = {
        "",
        "*/*",
        "application/*",
        "application/json",
        "application/json;q=0.5, text/html",
        "application/problem+json",
        "application/yaml, application/json",
        "text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8"
      })
  void anAcceptWithJsonIsAnsweredInJson(String accept) throws Exception {
    HttpResponse<String> response =
        send("POST", "/api/things", "application/json", accept.isEmpty() ? null : accept, THING);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("json");
    assertThat(JSON.readTree(response.body()).path("name").asString()).isEqualTo("lamp");
    assertThat(RUNS).hasValue(1);
  }

  @Test
  void theApiDocumentsStillComeAsYaml() throws Exception {
    HttpResponse<String> response = send("GET", "/v3/api-docs.yaml", null, null, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("openapi:");
  }

  // 3. strict JSON bodies

  @ParameterizedTest(name = "{0} → 400 malformed-request")
  @ValueSource(
      strings = {
        "{\"name\":123456,\"flag\":true}",
        "{\"name\":true,\"flag\":true}",
        "{\"name\":1.5,\"flag\":true}",
        "{\"name\":\"x\",\"name\":\"lamp\",\"flag\":true}",
        "{\"name\":\"lamp\",\"flag\":true,\"flag\":false}",
        "{\"name\":\"lamp\",\"count\":\"5\",\"flag\":true}",
        "{\"name\":\"lamp\",\"count\":5.5,\"flag\":true}",
        "{\"name\":\"lamp\",\"flag\":\"true\"}",
        "{\"name\":\"lamp\",\"flag\":1}",
        "{\"name\":\"lamp\",\"flag\":true} {}",
        "{\"name\":\"lamp\",\"flag\":true,\"at\":1765000000}",
        "{\"name\":\"lamp\",\"flag\":true,\"at\":1765000000.5}",
        "{\"name\":\"lamp\",\"flag\":true,\"at\":\"yesterday\"}"
      })
  void aLooseBodyIsRefused(String body) throws Exception {
    problem(send("POST", "/api/things", "application/json", null, body), 400, "malformed-request");
    assertThat(RUNS).hasValue(0);
  }

  @Test
  void theSameBodiesReadStrictlyAreAccepted() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/things",
            "application/json",
            null,
            "{\"name\":\"lamp\",\"count\":5,\"flag\":false,\"at\":\"2026-12-06T10:00:00Z\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("count").asString()).isEqualTo("5");
  }

  @Test
  void unknownPropertiesAreStillIgnored() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/things",
            "application/json",
            null,
            "{\"name\":\"lamp\",\"count\":2,\"flag\":false,\"colour\":\"red\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void theApplicationsOwnMapperIsUnchanged() {
    // it reads SMS providers' answers and Redis values: the web layer's rules are not its rules
    App.Thing thing =
        applicationMapper.readValue(
            "{\"name\":1,\"name\":2,\"count\":\"5\",\"flag\":\"true\"}", App.Thing.class);
    assertThat(thing).isEqualTo(new App.Thing("2", 5, true, null));
  }

  // 4. Cache-Control on the Connect API

  @Test
  void everyConnectAnswerIsNoStore() throws Exception {
    HttpResponse<String> ok = send("GET", "/connect/v1/things", null, null, null);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().allValues("Cache-Control")).containsExactly("no-store");

    HttpResponse<String> handlerProblem =
        send("POST", "/connect/v1/things", "application/json", null, THING);
    problem(handlerProblem, 422, "thing-refused");
    assertThat(handlerProblem.headers().allValues("Cache-Control")).containsExactly("no-store");

    HttpResponse<String> unreadable =
        send("POST", "/connect/v1/things", "application/json", null, "{");
    problem(unreadable, 400, "malformed-request");
    assertThat(unreadable.headers().allValues("Cache-Control")).containsExactly("no-store");

    HttpResponse<String> tooLarge =
        send("POST", "/connect/v1/things", "application/json", null, "x".repeat(2048));
    problem(tooLarge, 413, "payload-too-large");
    assertThat(tooLarge.headers().allValues("Cache-Control")).containsExactly("no-store");

    HttpResponse<String> missing = send("GET", "/connect/v1/nothing", null, null, null);
    problem(missing, 404, "not-found");
    assertThat(missing.headers().allValues("Cache-Control")).containsExactly("no-store");

    HttpResponse<String> notAcceptable =
        send("GET", "/connect/v1/things", null, "application/xml", null);
    problem(notAcceptable, 406, "not-acceptable");
    assertThat(notAcceptable.headers().allValues("Cache-Control")).containsExactly("no-store");
  }

  @Test
  void otherAnswersAreLeftToTheirHandlers() throws Exception {
    HttpResponse<String> api = send("GET", "/api/things", null, null, null);
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.headers().firstValue("Cache-Control")).isEmpty();
  }
}
