package dev.passbridge.passkey.it;

import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.jsonSchemaName;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.problem;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.securitySchemes;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.successStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.platform.openapi.OpenApiDocumentChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

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

  JsonNode operation(String method, String path) {
    return OpenApiDocumentChecks.operation(document, method, path);
  }
}
