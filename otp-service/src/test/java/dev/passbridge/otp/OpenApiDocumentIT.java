package dev.passbridge.otp;

import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.jsonSchemaName;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.problem;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.successStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.platform.kafka.EventPublisher;
import dev.passbridge.platform.openapi.OpenApiDocumentChecks;
import dev.passbridge.testsupport.TestInfrastructure;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * otp-service's OpenAPI document ({@code /v3/api-docs}, merged by the gateway into {@code
 * /api-docs}) against its controllers, in the local profile (the dev SMS inbox too): the success
 * statuses and the problem answers are the ones docs/services/otp-service.md lists.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=otp-service", "spring.application.name=otp-it-local"})
@ActiveProfiles("local")
@Import(MutableClock.Config.class)
class OpenApiDocumentIT {
  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerKafka(registry);
    TestInfrastructure.registerRedis(registry);
  }

  @LocalServerPort int port;
  @Autowired EventPublisher events;
  @Autowired MutableClock clock;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlers;

  JsonNode document;

  @BeforeEach
  void readTheDocument() throws Exception {
    HttpResponse<String> response = new OtpHttp(port).get("/v3/api-docs");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    document = JsonMapper.builder().build().readTree(response.body());
    // kept for whoever reads or edits the API
    Files.writeString(Path.of("target", "api-docs.json"), response.body());
  }

  @Test
  void theDocumentMatchesTheControllers() {
    assertThat(OpenApiDocumentChecks.mismatches(document, handlers)).isEmpty();
  }

  @Test
  void verifyAnswers204AndItsProblems() {
    JsonNode verify = operation("post", "/api/otp/verify");
    assertThat(successStatuses(verify)).containsExactly("204");
    assertThat(problem(verify, 400)).contains("`otp-invalid`", "`validation-failed`");
    assertThat(problem(verify, 410)).contains("`otp-expired`");
    assertThat(problem(verify, 429)).contains("`otp-locked`", "`otp-account-locked`");
  }

  @Test
  void resendAnswers200AndItsProblems() {
    JsonNode resend = operation("post", "/api/otp/resend");
    assertThat(successStatuses(resend)).containsExactly("200");
    assertThat(jsonSchemaName(resend.path("responses").path("200"))).isEqualTo("ResendResponse");
    assertThat(problem(resend, 410)).contains("`otp-expired`");
    assertThat(problem(resend, 429)).contains("`otp-resend-cooldown`", "`otp-resend-limit`");
    assertThat(problem(resend, 502)).contains("`sms-rejected`");
    assertThat(problem(resend, 503)).contains("`sms-unavailable`");
    JsonNode inbox = operation("get", "/api/dev/sms");
    assertThat(problem(inbox, 404)).contains("`sms-not-found`");
  }

  /**
   * Every object an answer of the hosted API ({@code /api/**}, the dev inbox included) sends says
   * which of its properties are always there, so a generated client does not take each one as
   * optional; a new answer record without {@code required} fails here.
   */
  @Test
  void theHostedAnswersMarkWhatTheyAlwaysSend() {
    assertThat(
            new AnswerSchemas(document).withoutRequired(path -> path.startsWith("/api/"), Set.of()))
        .isEmpty();
  }

  /**
   * The answers as the service sends them, read against the document (required properties
   * included): a login's SMS in the dev inbox, a resend too soon and one after the cooldown, a
   * wrong and the right code, and refusals.
   */
  @Test
  void theHostedAnswersAreWhatTheDocumentSays() {
    AnswerSchemas schemas = new AnswerSchemas(document);
    List<String> found = new ArrayList<>();
    OtpHttp http = new OtpHttp(port);
    String token = LoginBinding.newToken();
    PasswordAuthenticated login =
        OtpHttp.passwordAuthenticated(
                UUID.randomUUID(), OtpHttp.newLoginId(), OtpHttp.newPhone(), clock.instant())
            .withLoginBinding(LoginBinding.digest(token));
    http.holdBinding(login.loginId(), token);
    found.addAll(
        answer(
            schemas,
            "get",
            "/api/dev/sms",
            http.get("/api/dev/sms?loginId=" + login.loginId()),
            404));
    events.publishAndWait(login);
    HttpResponse<String> sms = http.get("/api/dev/sms?loginId=" + login.loginId());
    for (int i = 0; i < 400 && sms.statusCode() == 404; i++) {
      sleep(25);
      sms = http.get("/api/dev/sms?loginId=" + login.loginId());
    }
    found.addAll(answer(schemas, "get", "/api/dev/sms", sms, 200));
    found.addAll(answer(schemas, "post", "/api/otp/resend", http.resend(login.loginId()), 429));
    clock.advance(Duration.ofSeconds(30));
    found.addAll(answer(schemas, "post", "/api/otp/resend", http.resend(login.loginId()), 200));
    String code =
        OtpHttp.json(http.get("/api/dev/sms?loginId=" + login.loginId())).path("code").asString();
    String wrong = code.equals("000000") ? "111111" : "000000";
    found.addAll(
        answer(schemas, "post", "/api/otp/verify", http.verify(login.loginId(), wrong), 400));
    found.addAll(
        answer(schemas, "post", "/api/otp/verify", http.verify(login.loginId(), code), 204));
    found.addAll(answer(schemas, "post", "/api/otp/resend", http.resend(login.loginId()), 410));
    found.addAll(
        answer(schemas, "post", "/api/otp/resend", http.post("/api/otp/resend", "{}"), 400));
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

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  JsonNode operation(String method, String path) {
    return OpenApiDocumentChecks.operation(document, method, path);
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
