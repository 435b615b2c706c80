package dev.passbridge.auth;

import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.jsonSchemaName;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.problem;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.schemaName;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.securitySchemes;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.successStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.platform.openapi.OpenApiAnswerChecks;
import dev.passbridge.platform.openapi.OpenApiDocumentChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

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
    JsonNode adminErasure = operation("post", "/api/admin/account-erasures");
    assertThat(successStatuses(adminErasure)).containsExactly("202");
    assertThat(jsonSchemaName(adminErasure.path("responses").path("202")))
        .isEqualTo("AccountErasureResult");
    assertThat(problem(adminErasure, 404)).contains("`account-not-found`");
    assertThat(problem(adminErasure, 409)).contains("`administrator-account`");
    assertThat(problem(adminErasure, 403)).contains("`reauthentication-required`", "`forbidden`");
    assertThat(problem(adminErasure, 503)).contains("`erasure-incomplete`");
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
    assertThat(
            OpenApiAnswerChecks.withoutRequired(
                document, path -> path.startsWith("/api/"), Set.of()))
        .isEmpty();
  }

  /**
   * The hosted API's answers as the service sends them, read against the document (required
   * properties included): a whole password login (register, login, second factor, session, {@code
   * /api/me}, logout), refusals, and the JWKS.
   */
  @Test
  void theHostedAnswersAreWhatTheDocumentSays() {
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
    found.addAll(answer("post", "/api/auth/register", registered, 201));
    UUID userId = UUID.fromString(registered.json().path("userId").asString());
    found.addAll(
        answer("post", "/api/auth/register", postJson("/api/auth/register", Map.of()), 400));
    found.addAll(answer("post", "/api/auth/login", login(username, "not the password"), 401));
    Reply login = login(username, password);
    found.addAll(answer("post", "/api/auth/login", login, 200));
    String loginId = login.json().path("loginId").asString();
    publish(otpVerified(userId, loginId));
    Reply session = session(loginId);
    found.addAll(answer("post", "/api/auth/session", session, 200));
    found.addAll(answer("post", "/api/auth/session", session(loginId), 409));
    String token = sessionCookie(session);
    found.addAll(answer("get", "/api/me", me(token), 200));
    found.addAll(answer("get", "/.well-known/jwks.json", get("/.well-known/jwks.json"), 200));
    found.addAll(
        answer(
            "post",
            "/api/auth/logout",
            post("/api/auth/logout", "", "Cookie", "pb_session=" + token),
            204));
    found.addAll(answer("get", "/api/me", me(token), 401));
    assertThat(found).isEmpty();
  }

  /** The answer's mismatches with the document, after checking it is the one meant. */
  List<String> answer(String method, String path, Reply reply, int status) {
    assertThat(reply.status()).as("%s %s: %s", method, path, reply.body()).isEqualTo(status);
    return OpenApiAnswerChecks.mismatches(
        document,
        method,
        path,
        reply.status(),
        reply.header("Content-Type").orElse(null),
        reply.body());
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
}
