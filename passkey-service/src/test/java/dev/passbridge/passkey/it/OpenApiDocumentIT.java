package dev.passbridge.passkey.it;

import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.jsonSchemaName;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.problem;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.securitySchemes;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.successStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.platform.openapi.OpenApiDocumentChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * passkey-service's OpenAPI document ({@code /v3/api-docs}, merged by the gateway into {@code
 * /api-docs}) against its controllers: the {@code @CurrentCaller} argument is no parameter but the
 * session cookie or a connect token (with 401), the server API's client is HTTP Basic, and the
 * success statuses are the ones the controllers give (docs/services/passkey-service.md).
 */
class OpenApiDocumentIT extends IntegrationTestBase {
  /** The routes that take a {@code @CurrentCaller}: a session cookie or a connect token. */
  static final List<String[]> CALLER_ROUTES =
      List.of(
          new String[] {"get", "/api/passkeys"},
          new String[] {"patch", "/api/passkeys/{id}"},
          new String[] {"delete", "/api/passkeys/{id}"},
          new String[] {"get", "/api/passkeys/upgrade"},
          new String[] {"post", "/api/passkeys/upgrade/outcome"},
          new String[] {"post", "/api/passkeys/registrations"});

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlers;

  JsonNode document;

  @BeforeEach
  void readTheDocument() throws Exception {
    Http.Response response = http.get("/v3/api-docs", null);
    assertThat(response.status()).isEqualTo(200);
    document = response.body();
    // kept for whoever reads or edits the API
    Files.writeString(Path.of("target", "api-docs.json"), document.toPrettyString());
  }

  @Test
  void theDocumentMatchesTheControllers() {
    assertThat(OpenApiDocumentChecks.mismatches(document, handlers)).isEmpty();
  }

  @Test
  void theCallerIsASessionOrAConnectTokenNotAParameter() {
    for (String[] route : CALLER_ROUTES) {
      JsonNode operation = operation(route[0], route[1]);
      String name = route[0] + " " + route[1];
      for (JsonNode parameter : operation.path("parameters")) {
        assertThat(parameter.path("in").asString()).as(name).isEqualTo("path");
      }
      assertThat(securitySchemes(operation))
          .as(name)
          .containsExactlyInAnyOrder("session", "connectToken");
      assertThat(problem(operation, 401)).as(name).contains("`unauthenticated`");
      assertThat(problem(operation, 403)).as(name).contains("`insufficient-scope`");
    }
    assertThat(document.at("/components/schemas").propertyNames())
        .doesNotContain("Caller", "Hosted", "Connect", "Session", "ConnectToken", "ConnectClient");
  }

  @Test
  void theServerApiTakesClientCredentials() {
    for (String[] route :
        List.of(
            new String[] {"post", "/connect/v1/login-results/verify"},
            new String[] {"get", "/connect/v1/users/{externalUserId}/passkeys"},
            new String[] {
              "delete", "/connect/v1/users/{externalUserId}/passkeys/{credentialId}"
            })) {
      JsonNode operation = operation(route[0], route[1]);
      String name = route[0] + " " + route[1];
      for (JsonNode parameter : operation.path("parameters")) {
        assertThat(parameter.path("in").asString()).as(name).isEqualTo("path");
      }
      assertThat(securitySchemes(operation)).as(name).containsExactly("connectBasic");
      assertThat(problem(operation, 401)).as(name).contains("`invalid-client`");
      assertThat(problem(operation, 429)).as(name).contains("`quota-exceeded`");
    }
    // what a backend sends and gets is marked required (an integrator's generated client needs it)
    assertThat(document.at("/components/schemas/LoginResultVerifyRequest/required").toString())
        .contains("loginResult");
    assertThat(document.at("/components/schemas/VerifiedLogin/required").toString())
        .contains("externalUserId", "credentialId", "authenticatedAt", "amr");
  }

  @Test
  void successStatusesAreTheOnesAnswered() {
    assertThat(successStatuses(operation("delete", "/api/passkeys/{id}"))).containsExactly("204");
    assertThat(successStatuses(operation("patch", "/api/passkeys/{id}"))).containsExactly("200");
    assertThat(successStatuses(operation("get", "/api/passkeys"))).containsExactly("200");
    assertThat(successStatuses(operation("post", "/api/passkeys/registrations")))
        .containsExactly("201");
    assertThat(successStatuses(operation("post", "/api/passkeys/upgrade/outcome")))
        .containsExactly("204");
    assertThat(successStatuses(operation("post", "/api/passkeys/login"))).containsExactly("200");
    assertThat(
            successStatuses(
                operation("delete", "/connect/v1/users/{externalUserId}/passkeys/{credentialId}")))
        .containsExactly("204");
    assertThat(
            jsonSchemaName(
                operation("post", "/api/passkeys/registrations").path("responses").path("201")))
        .isEqualTo("RegisteredPasskey");
  }

  @Test
  void theProblemsOfTheDocsAreDocumented() {
    assertThat(problem(operation("delete", "/api/passkeys/{id}"), 404))
        .contains("`passkey-not-found`");
    assertThat(problem(operation("patch", "/api/passkeys/{id}"), 404))
        .contains("`passkey-not-found`");
    assertThat(problem(operation("post", "/api/passkeys/registrations"), 409))
        .contains("`credential-exists`");
    assertThat(problem(operation("post", "/api/passkeys/registrations"), 410))
        .contains("`user-erased`");
    assertThat(problem(operation("post", "/api/passkeys/login"), 404))
        .contains("`unknown-credential`");
    assertThat(problem(operation("post", "/connect/v1/login-results/verify"), 409))
        .contains("`login-result-used`");
  }

  /**
   * Every object an answer of the hosted API ({@code /api/**}) sends says which of its properties
   * are always there, so a generated client does not take each one as optional; a new answer record
   * without {@code required} fails here.
   */
  @Test
  void theHostedAnswersMarkWhatTheyAlwaysSend() {
    assertThat(
            new AnswerSchemas(document).withoutRequired(path -> path.startsWith("/api/"), Set.of()))
        .isEmpty();
  }

  /**
   * What an upgrade answer with {@code NONE} does not match: its {@code publicKey} is null, and the
   * document cannot say so (UpgradeResponse: swagger-core writes a nullable reference as {@code
   * {"type": "null", "$ref": ...}}, which no value matches).
   */
  static final String NULL_OFFER =
      "GET /api/passkeys/upgrade 200 $.publicKey is null, not [object]";

  /**
   * The hosted API's answers as the service sends them, read against the document (required
   * properties included, null only where the schema allows it): a passkey created through the
   * upgrade (the offer, the registration, the upgrade answers after it and without a decision),
   * listed before and after its first login, renamed and deleted, a second offer that excludes it,
   * a declined offer, and refusals.
   */
  @Test
  void theHostedAnswersAreWhatTheDocumentSays() {
    AnswerSchemas schemas = new AnswerSchemas(document);
    List<String> found = new ArrayList<>();
    UUID userId = UUID.randomUUID();
    String loginId = loginId();
    upgrades.onEligible(eligible(userId, loginId, UpgradeMode.CONDITIONAL));
    String session = TestSessions.token(userId, loginId);
    Http.Response offer = http.get("/api/passkeys/upgrade", session);
    found.addAll(answer(schemas, "get", "/api/passkeys/upgrade", offer, 200));
    Http.Response created =
        http.post(
            "/api/passkeys/registrations",
            session,
            Map.of(
                "ceremonyId",
                offer.body().get("ceremonyId").asString(),
                "credential",
                authenticator.register(
                    offer.body().get("publicKey"), Kind.NONE, Flags.conditional())));
    found.addAll(answer(schemas, "post", "/api/passkeys/registrations", created, 201));
    String credentialId = created.body().get("credentialId").asString();
    found.addAll(
        answer(
            schemas,
            "post",
            "/api/passkeys/registrations",
            http.post("/api/passkeys/registrations", session, Map.of()),
            400));
    found.addAll(answer(schemas, "get", "/api/passkeys", http.get("/api/passkeys", session), 200));

    Http.Response options = http.post("/api/passkeys/login/options", null, Map.of());
    found.addAll(answer(schemas, "post", "/api/passkeys/login/options", options, 200));
    Http.Response login =
        http.post(
            "/api/passkeys/login",
            null,
            Map.of(
                "ceremonyId",
                options.body().get("ceremonyId").asString(),
                "credential",
                authenticator.authenticate(options.body().get("publicKey"), credentialId)));
    found.addAll(answer(schemas, "post", "/api/passkeys/login", login, 200));
    found.addAll(answer(schemas, "get", "/api/passkeys", http.get("/api/passkeys", session), 200));
    found.addAll(
        answer(
            schemas,
            "patch",
            "/api/passkeys/{id}",
            http.patch("/api/passkeys/" + credentialId, session, Map.of("name", "Work laptop")),
            200));

    // a later login of the same user: an offer that excludes the passkey, declined
    String again = loginId();
    upgrades.onEligible(eligible(userId, again, UpgradeMode.PROMPT));
    String secondSession = TestSessions.token(userId, again);
    Http.Response second = http.get("/api/passkeys/upgrade", secondSession);
    found.addAll(answer(schemas, "get", "/api/passkeys/upgrade", second, 200));
    assertThat(second.body().path("publicKey").path("excludeCredentials")).hasSize(1);
    found.addAll(
        answer(
            schemas,
            "post",
            "/api/passkeys/upgrade/outcome",
            http.post(
                "/api/passkeys/upgrade/outcome",
                secondSession,
                Map.of(
                    "ceremonyId",
                    second.body().get("ceremonyId").asString(),
                    "errorName",
                    "NotAllowedError")),
            204));
    found.addAll(
        answer(
            schemas,
            "delete",
            "/api/passkeys/{id}",
            http.delete("/api/passkeys/" + credentialId, session),
            204));
    found.addAll(
        answer(
            schemas,
            "delete",
            "/api/passkeys/{id}",
            http.delete("/api/passkeys/" + credentialId, session),
            404));
    assertThat(found).isEmpty();

    // NONE: after the passkey was created, after the decline, and without a decision in time
    for (String noOffer :
        List.of(session, secondSession, TestSessions.token(UUID.randomUUID(), loginId()))) {
      Http.Response none = http.get("/api/passkeys/upgrade", noOffer);
      assertThat(none.body().path("action").asString()).isEqualTo("NONE");
      assertThat(answer(schemas, "get", "/api/passkeys/upgrade", none, 200))
          .containsExactly(NULL_OFFER);
    }
  }

  /** The answer's mismatches with the document, after checking it is the one meant. */
  static List<String> answer(
      AnswerSchemas schemas, String method, String path, Http.Response response, int status) {
    assertThat(response.status()).as("%s %s: %s", method, path, response).isEqualTo(status);
    return schemas.mismatches(
        method,
        path,
        response.status(),
        response.contentType(),
        response.body() == null ? null : response.body().toString());
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
