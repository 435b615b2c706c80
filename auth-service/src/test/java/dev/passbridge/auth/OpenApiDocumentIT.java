package dev.passbridge.auth;

import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.jsonSchemaName;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.problem;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.schemaName;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.securitySchemes;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.successStatuses;
import static org.assertj.core.api.Assertions.assertThat;

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
 * auth-service's OpenAPI document ({@code /v3/api-docs}, merged by the gateway into {@code
 * /api-docs}) against its controllers: each body has its own schema (the hosted and the Connect
 * {@code LoginRequest} are two records of one simple name), arguments the platform resolves from
 * credentials are no parameters, and the success statuses and problem answers are the ones the
 * controllers give (docs/services/auth-service.md).
 */
class OpenApiDocumentIT extends IntegrationTestBase {
  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlers;

  JsonNode document;

  @BeforeEach
  void readTheDocument() throws Exception {
    Reply reply = get("/v3/api-docs");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    document = reply.json();
    // kept for whoever reads or edits the API
    Files.writeString(Path.of("target", "api-docs.json"), reply.body());
  }

  @Test
  void theDocumentMatchesTheControllers() {
    assertThat(OpenApiDocumentChecks.mismatches(document, handlers)).isEmpty();
  }

  @Test
  void theHostedAndTheConnectLoginHaveTheirOwnBodies() {
    String hosted = bodyRef("/api/auth/login");
    String connect = bodyRef("/connect/v1/logins");
    assertThat(hosted).isNotEqualTo(connect);
    assertThat(schema(hosted).path("properties").propertyNames())
        .containsExactlyInAnyOrder("username", "password", "client");
    assertThat(schema(connect).path("properties").propertyNames())
        .containsExactlyInAnyOrder(
            "externalUserId", "username", "displayName", "secondFactor", "client");
    // lengths in characters, as the service counts them; a username is required and not empty
    JsonNode username = schema(connect).path("properties").path("username");
    assertThat(username.path("minLength").asInt()).isEqualTo(1);
    assertThat(username.path("maxLength").asInt()).isEqualTo(256);
    assertThat(schema(connect).path("properties").path("displayName").path("maxLength").asInt())
        .isEqualTo(256);
    assertThat(
            schema(schemaName(schema(hosted).path("properties").path("client")))
                .path("properties")
                .propertyNames())
        .containsExactlyInAnyOrder("autofilled", "capabilities", "hints");
  }

  @Test
  void connectClientsAreCredentialsNotParameters() {
    for (String path : List.of("/connect/v1/logins", "/connect/v1/tokens")) {
      JsonNode operation = operation("post", path);
      // no client parameter; a report takes an optional Idempotency-Key header
      assertThat(operation.path("parameters").valueStream().map(p -> p.path("name").asString()))
          .as(path)
          .containsExactlyElementsOf(
              path.endsWith("logins") ? List.of("Idempotency-Key") : List.of());
      assertThat(securitySchemes(operation)).as(path).containsExactly("connectBasic");
      assertThat(problem(operation, 401)).as(path).contains("`invalid-client`");
      assertThat(problem(operation, 429)).as(path).contains("`quota-exceeded`");
      // a backend's call: no Origin rule, so no origin-not-allowed
      assertThat(operation.path("responses").has("403")).as(path).isFalse();
    }
    assertThat(document.at("/components/schemas").propertyNames()).doesNotContain("ConnectClient");
    assertThat(document.at("/components/schemas/ConnectLoginResponse/required").toString())
        .contains("loginId", "connectToken", "expiresIn");
    assertThat(document.at("/components/schemas/TokenResponse/required").toString())
        .contains("connectToken", "expiresIn");
    JsonNode key = operation("post", "/connect/v1/logins").path("parameters").path(0);
    assertThat(key.path("in").asString()).isEqualTo("header");
    assertThat(key.path("required").asBoolean()).isFalse();
    assertThat(key.path("schema").path("type").asString()).isEqualTo("string");
    assertThat(problem(operation("post", "/connect/v1/logins"), 422))
        .contains("`idempotency-key-reused`");
  }

  @Test
  void successStatusesAreTheOnesAnswered() {
    assertThat(successStatuses(operation("post", "/api/auth/login"))).containsExactly("200");
    assertThat(successStatuses(operation("post", "/api/auth/register"))).containsExactly("201");
    assertThat(successStatuses(operation("post", "/api/auth/session"))).containsExactly("200");
    assertThat(successStatuses(operation("post", "/api/auth/logout"))).containsExactly("204");
    assertThat(successStatuses(operation("post", "/connect/v1/logins"))).containsExactly("201");
    assertThat(successStatuses(operation("post", "/connect/v1/tokens"))).containsExactly("201");
    assertThat(
            jsonSchemaName(operation("post", "/api/auth/register").path("responses").path("201")))
        .isEqualTo("RegisterResponse");
    assertThat(
            jsonSchemaName(operation("post", "/connect/v1/logins").path("responses").path("201")))
        .isEqualTo("ConnectLoginResponse");
  }

  @Test
  void theLoginsDocumentTheirProblems() {
    JsonNode login = operation("post", "/api/auth/login");
    assertThat(problem(login, 401)).contains("`invalid-credentials`");
    assertThat(problem(login, 429)).contains("`too-many-attempts`");
    assertThat(problem(login, 503)).contains("`service-busy`");
    assertThat(problem(login, 400)).contains("`validation-failed`");
    JsonNode session = operation("post", "/api/auth/session");
    assertThat(problem(session, 409)).contains("`login-not-completed`", "`login-already-used`");
    assertThat(problem(session, 410)).contains("`login-locked`", "`login-expired`");
    JsonNode register = operation("post", "/api/auth/register");
    assertThat(problem(register, 409)).contains("`username-taken`");
    assertThat(problem(register, 400)).contains("`weak-password`", "`validation-failed`");
    assertThat(problem(register, 403)).contains("`registration-disabled`");
    assertThat(problem(register, 429)).contains("`too-many-attempts`");
  }

  /** The media type refusals every operation can meet (platform's rules) are documented. */
  @Test
  void theMediaTypeRefusalsAreDocumented() {
    for (String path :
        List.of(
            "/api/auth/login", "/api/auth/session", "/connect/v1/logins", "/connect/v1/tokens")) {
      JsonNode operation = operation("post", path);
      assertThat(problem(operation, 406)).as(path).contains("`not-acceptable`");
      assertThat(problem(operation, 415)).as(path).contains("`unsupported-media-type`");
    }
    JsonNode me = operation("get", "/api/me");
    assertThat(problem(me, 406)).contains("`not-acceptable`");
    assertThat(problem(me, 415)).isNull();
  }

  /**
   * Every object an answer of the hosted API ({@code /api/**}) sends says which of its properties
   * are always there, so a generated client does not take each one as optional; a new answer record
   * without {@code required} fails here.
   */
  @Test
  void theHostedAnswersMarkWhatTheyAlwaysSend() {
    // LoginResponse and OtpInfo (POST /api/auth/login) are records of the login package, which is
    // being reworked elsewhere: they get their marks there (loginId, next, otp; channel,
    // maskedDestination, expiresAt are always sent)
    Set<String> markedElsewhere = Set.of("LoginResponse", "OtpInfo");
    assertThat(
            new AnswerSchemas(document)
                .withoutRequired(path -> path.startsWith("/api/"), markedElsewhere))
        .isEmpty();
  }

  /**
   * The hosted API's answers as the service sends them, read against the document (required
   * properties included): a whole password login (register, login, second factor, session, {@code
   * /api/me}, logout), refusals, and the JWKS.
   */
  @Test
  void theHostedAnswersAreWhatTheDocumentSays() {
    AnswerSchemas schemas = new AnswerSchemas(document);
    List<String> found = new ArrayList<>();
    String username = uniqueName("doc");
    String password = "correct horse battery";
    Reply registered =
        postJson(
            "/api/auth/register",
            Map.of(
                "username", username,
                "password", password,
                "phone", PHONE,
                "displayName", "Tester " + username));
    found.addAll(answer(schemas, "post", "/api/auth/register", registered, 201));
    UUID userId = UUID.fromString(registered.json().path("userId").asString());
    found.addAll(
        answer(
            schemas, "post", "/api/auth/register", postJson("/api/auth/register", Map.of()), 400));
    found.addAll(
        answer(schemas, "post", "/api/auth/login", login(username, "not the password"), 401));
    Reply login = login(username, password);
    found.addAll(answer(schemas, "post", "/api/auth/login", login, 200));
    String loginId = login.json().path("loginId").asString();
    publish(otpVerified(userId, loginId));
    Reply session = session(loginId);
    found.addAll(answer(schemas, "post", "/api/auth/session", session, 200));
    found.addAll(answer(schemas, "post", "/api/auth/session", session(loginId), 409));
    String token = sessionCookie(session);
    found.addAll(answer(schemas, "get", "/api/me", me(token), 200));
    found.addAll(
        answer(schemas, "get", "/.well-known/jwks.json", get("/.well-known/jwks.json"), 200));
    found.addAll(
        answer(
            schemas,
            "post",
            "/api/auth/logout",
            post("/api/auth/logout", "", "Cookie", "pb_session=" + token),
            204));
    found.addAll(answer(schemas, "get", "/api/me", me(token), 401));
    assertThat(found).isEmpty();
  }

  /** The answer's mismatches with the document, after checking it is the one meant. */
  static List<String> answer(
      AnswerSchemas schemas, String method, String path, Reply reply, int status) {
    assertThat(reply.status()).as("%s %s: %s", method, path, reply.body()).isEqualTo(status);
    return schemas.mismatches(
        method, path, reply.status(), reply.header("Content-Type").orElse(null), reply.body());
  }

  JsonNode operation(String method, String path) {
    return OpenApiDocumentChecks.operation(document, method, path);
  }

  String bodyRef(String path) {
    return jsonSchemaName(operation("post", path).path("requestBody"));
  }

  JsonNode schema(String name) {
    return document.path("components").path("schemas").path(name);
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
