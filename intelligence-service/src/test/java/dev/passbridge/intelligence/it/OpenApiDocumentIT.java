package dev.passbridge.intelligence.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.platform.kafka.EventPublisher;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
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
            new AnswerSchemas(document)
                .withoutRequired(path -> path.startsWith("/api/"), notMarkedHere))
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
    AnswerSchemas schemas = new AnswerSchemas(document);
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
    found.addAll(answer(schemas, "get", "/api/insights/funnel", report, 200));
    found.addAll(
        answer(
            schemas,
            "get",
            "/api/insights/funnel",
            send("GET", funnel + "&source=HOSTED", null),
            200));
    found.addAll(
        answer(
            schemas,
            "get",
            "/api/insights/funnel",
            send("GET", "/api/insights/funnel?from=garbage", null),
            400));

    found.addAll(
        answer(
            schemas, "get", "/api/insights/rules", send("GET", "/api/insights/rules", null), 200));
    HttpResponse<String> changed =
        send(
            "PUT",
            "/api/insights/rules",
            "{\"rules\":{\"rolloutPercent\":60},\"reason\":\"document check\"}");
    found.addAll(answer(schemas, "put", "/api/insights/rules", changed, changed.statusCode()));
    assertThat(changed.statusCode()).as(changed.body()).isIn(200, 202);
    HttpResponse<String> withHistory = send("GET", "/api/insights/rules", null);
    assertThat(json(withHistory).path("recentChanges")).isNotEmpty();
    found.addAll(answer(schemas, "get", "/api/insights/rules", withHistory, 200));
    found.addAll(
        answer(
            schemas,
            "put",
            "/api/insights/rules",
            send("PUT", "/api/insights/rules", "{\"rolloutPercent\":150}"),
            400));
    HttpResponse<String> reset = send("DELETE", "/api/insights/rules", null);
    assertThat(reset.statusCode()).as(reset.body()).isIn(200, 202);
    found.addAll(answer(schemas, "delete", "/api/insights/rules", reset, reset.statusCode()));
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
              schemas,
              "post",
              "/api/insights/rules/preview",
              send("POST", "/api/insights/rules/preview", preview),
              200));
    }
    found.addAll(
        answer(
            schemas,
            "post",
            "/api/insights/rules/preview",
            send("POST", "/api/insights/rules/preview", "{\"login\":{\"platform\":5}}"),
            400));
    assertThat(found).isEmpty();
  }

  /** The answer's mismatches with the document, after checking it is the one meant. */
  static List<String> answer(
      AnswerSchemas schemas,
      String method,
      String path,
      HttpResponse<String> response,
      int status) {
    assertThat(response.statusCode())
        .as("%s %s: %s", method, path, response.body())
        .isEqualTo(status);
    return schemas.mismatches(
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

  /**
   * Holds answers against the document's schemas, in the part of JSON Schema that springdoc writes
   * ({@code $ref}, {@code type} — one or a list, {@code "null"} among them —, {@code properties},
   * {@code required}, {@code items}, {@code additionalProperties}, {@code enum}, {@code allOf},
   * {@code anyOf}, {@code oneOf}). In a success answer a property the schema does not list is a
   * mismatch too: the document names all that it sends (a problem may carry further members, as RFC
   * 9457 and the Problem schema allow). (Kept here rather than in platform's test jar, which the
   * services' builds take as released.)
   */
  static final class AnswerSchemas {
    private static final String REF = "#/components/schemas/";
    private static final JsonMapper READER = JsonMapper.builder().build();
    private final JsonNode document;

    AnswerSchemas(JsonNode document) {
      this.document = document;
    }

    /**
     * Where the answer {@code status} of {@code method path} (its media type and body as sent)
     * differs from the document; empty when the document describes it.
     */
    List<String> mismatches(
        String method, String path, int status, String contentType, String body) {
      String where = method.toUpperCase(Locale.ROOT) + " " + path + " " + status;
      JsonNode response =
          document
              .path("paths")
              .path(path)
              .path(method.toLowerCase(Locale.ROOT))
              .path("responses")
              .path(Integer.toString(status));
      if (response.isMissingNode()) {
        return List.of(where + " is not a documented answer");
      }
      JsonNode content = response.path("content");
      if (body == null || body.isEmpty()) {
        return content.isEmpty()
            ? List.of()
            : List.of(where + " has no body, the document gives " + content.propertyNames());
      }
      String mediaType = contentType == null ? "" : contentType.split(";")[0].strip();
      JsonNode schema = content.path(mediaType).path("schema");
      if (schema.isMissingNode()) {
        schema = content.path("*/*").path("schema");
      }
      if (schema.isMissingNode()) {
        return List.of(
            where + " answers " + mediaType + ", the document gives " + content.propertyNames());
      }
      List<String> found = new ArrayList<>();
      check(schema, READER.readTree(body), where + " $", status < 300, found);
      return found;
    }

    /**
     * The object schemas the JSON answers (2xx) of the operations on {@code paths} lead to (through
     * {@code $ref}, properties, items, {@code additionalProperties} and the compositions) that do
     * not say which of their properties are always sent: no {@code required}, or a name in it that
     * is no property. {@code exempt}: schemas named with a reason, reported nowhere.
     */
    List<String> withoutRequired(Predicate<String> paths, Set<String> exempt) {
      List<String> found = new ArrayList<>();
      Set<String> seen = new HashSet<>(exempt);
      for (var item : document.path("paths").properties()) {
        if (!paths.test(item.getKey())) {
          continue;
        }
        for (var operation : item.getValue().properties()) {
          for (var answer : operation.getValue().path("responses").properties()) {
            if (!answer.getKey().startsWith("2")) {
              continue;
            }
            for (var media : answer.getValue().path("content").properties()) {
              walk(
                  media.getValue().path("schema"),
                  operation.getKey() + " " + item.getKey() + " " + answer.getKey(),
                  seen,
                  found);
            }
          }
        }
      }
      return found;
    }

    private void walk(JsonNode schema, String at, Set<String> seen, List<String> found) {
      if (!schema.isObject()) {
        return;
      }
      String ref = schema.path("$ref").asString("");
      if (ref.startsWith(REF) && seen.add(ref.substring(REF.length()))) {
        walk(resolve(ref), ref.substring(REF.length()), seen, found);
      }
      JsonNode properties = schema.path("properties");
      if (!properties.isEmpty()) {
        JsonNode required = schema.path("required");
        if (required.isEmpty()) {
          found.add(at + " marks none of its properties required");
        }
        for (JsonNode name : required) {
          if (!properties.has(name.asString())) {
            found.add(at + " requires `" + name.asString() + "`, which is none of its properties");
          }
        }
        for (var property : properties.properties()) {
          walk(property.getValue(), at + "." + property.getKey(), seen, found);
        }
      }
      walk(schema.path("items"), at + "[]", seen, found);
      if (schema.path("additionalProperties").isObject()) {
        walk(schema.path("additionalProperties"), at + "{}", seen, found);
      }
      for (String composition : List.of("allOf", "anyOf", "oneOf")) {
        for (JsonNode part : schema.path(composition)) {
          walk(part, at, seen, found);
        }
      }
    }

    private void check(
        JsonNode schema, JsonNode value, String at, boolean closed, List<String> found) {
      String ref = schema.path("$ref").asString("");
      if (!ref.isEmpty()) {
        check(resolve(ref), value, at, closed, found);
      }
      for (JsonNode part : schema.path("allOf")) {
        check(part, value, at, closed, found);
      }
      if (schema.has("anyOf") && matching(schema.path("anyOf"), value, closed) == 0) {
        found.add(at + " matches none of the schemas of its anyOf");
      }
      if (schema.has("oneOf")) {
        int matching = matching(schema.path("oneOf"), value, closed);
        if (matching != 1) {
          found.add(at + " matches " + matching + " of the schemas of its oneOf, not one");
        }
      }
      if (schema.has("enum") && schema.path("enum").valueStream().noneMatch(value::equals)) {
        found.add(at + " is " + value + ", none of " + schema.path("enum"));
      }
      JsonNode type = schema.path("type");
      if (!type.isMissingNode()) {
        List<String> types =
            type.isArray()
                ? type.valueStream().map(JsonNode::asString).toList()
                : List.of(type.asString());
        if (types.stream().noneMatch(t -> is(t, value))) {
          found.add(
              at + " is " + (value.isNull() ? "null" : value.getNodeType()) + ", not " + types);
          return;
        }
      }
      if (value.isObject()) {
        for (JsonNode name : schema.path("required")) {
          if (!value.has(name.asString())) {
            found.add(at + " lacks the required property `" + name.asString() + "`");
          }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (var property : value.properties()) {
          String name = property.getKey();
          if (properties.has(name)) {
            check(properties.path(name), property.getValue(), at + "." + name, closed, found);
          } else if (additional.isObject()) {
            check(additional, property.getValue(), at + "." + name, closed, found);
          } else if (closed && !properties.isEmpty() && !additional.asBoolean(false)) {
            found.add(at + " has the property `" + name + "`, which the schema does not list");
          }
        }
      }
      if (value.isArray() && schema.has("items")) {
        int i = 0;
        for (JsonNode element : value) {
          check(schema.path("items"), element, at + "[" + i++ + "]", closed, found);
        }
      }
    }

    private int matching(JsonNode schemas, JsonNode value, boolean closed) {
      int matching = 0;
      for (JsonNode schema : schemas) {
        List<String> mismatches = new ArrayList<>();
        check(schema, value, "", closed, mismatches);
        matching += mismatches.isEmpty() ? 1 : 0;
      }
      return matching;
    }

    private static boolean is(String type, JsonNode value) {
      return switch (type) {
        case "null" -> value.isNull();
        case "object" -> value.isObject();
        case "array" -> value.isArray();
        case "string" -> value.isString();
        case "integer" -> value.isIntegralNumber();
        case "number" -> value.isNumber();
        case "boolean" -> value.isBoolean();
        default -> true;
      };
    }

    private JsonNode resolve(String ref) {
      if (!ref.startsWith(REF)) {
        throw new AssertionError("a $ref outside the components: " + ref);
      }
      JsonNode schema =
          document.path("components").path("schemas").path(ref.substring(REF.length()));
      if (schema.isMissingNode()) {
        throw new AssertionError("no schema " + ref);
      }
      return schema;
    }
  }
}
