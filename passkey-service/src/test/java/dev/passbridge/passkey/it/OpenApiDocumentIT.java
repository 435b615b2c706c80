package dev.passbridge.passkey.it;

import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.jsonSchemaName;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.problem;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.securitySchemes;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.successStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
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
            OpenApiAnswerChecks.withoutRequired(
                document, path -> path.startsWith("/api/"), Set.of()))
        .isEmpty();
  }

  /**
   * The hosted API's answers as the service sends them, read against the document (required
   * properties included, null only where the schema allows it): a passkey created through the
   * upgrade (the offer, the registration, the upgrade answers after it and without a decision),
   * listed before and after its first login, renamed and deleted, a second offer that excludes it,
   * a declined offer, and refusals.
   */
  @Test
  void theHostedAnswersAreWhatTheDocumentSays() {
    List<String> found = new ArrayList<>();
    UUID userId = UUID.randomUUID();
    String loginId = loginId();
    upgrades.onEligible(eligible(userId, loginId, UpgradeMode.CONDITIONAL));
    String session = TestSessions.token(userId, loginId);
    Http.Response offer = http.get("/api/passkeys/upgrade", session);
    found.addAll(answer("get", "/api/passkeys/upgrade", offer, 200));
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
    found.addAll(answer("post", "/api/passkeys/registrations", created, 201));
    String credentialId = created.body().get("credentialId").asString();
    found.addAll(
        answer(
            "post",
            "/api/passkeys/registrations",
            http.post("/api/passkeys/registrations", session, Map.of()),
            400));
    found.addAll(answer("get", "/api/passkeys", http.get("/api/passkeys", session), 200));

    Http.Response options = http.post("/api/passkeys/login/options", null, Map.of());
    found.addAll(answer("post", "/api/passkeys/login/options", options, 200));
    Http.Response login =
        http.post(
            "/api/passkeys/login",
            null,
            Map.of(
                "ceremonyId",
                options.body().get("ceremonyId").asString(),
                "credential",
                authenticator.authenticate(options.body().get("publicKey"), credentialId)));
    found.addAll(answer("post", "/api/passkeys/login", login, 200));
    found.addAll(answer("get", "/api/passkeys", http.get("/api/passkeys", session), 200));
    found.addAll(
        answer(
            "patch",
            "/api/passkeys/{id}",
            http.patch("/api/passkeys/" + credentialId, session, Map.of("name", "Work laptop")),
            200));

    // a later login of the same user: an offer that excludes the passkey, declined
    String again = loginId();
    upgrades.onEligible(eligible(userId, again, UpgradeMode.PROMPT));
    String secondSession = TestSessions.token(userId, again);
    Http.Response second = http.get("/api/passkeys/upgrade", secondSession);
    found.addAll(answer("get", "/api/passkeys/upgrade", second, 200));
    assertThat(second.body().path("publicKey").path("excludeCredentials")).hasSize(1);
    found.addAll(
        answer(
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
            "delete",
            "/api/passkeys/{id}",
            http.delete("/api/passkeys/" + credentialId, session),
            204));
    found.addAll(
        answer(
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
      assertThat(none.body().get("publicKey").isNull()).isTrue();
      assertThat(answer("get", "/api/passkeys/upgrade", none, 200)).isEmpty();
    }
  }

  /** The answer's mismatches with the document, after checking it is the one meant. */
  List<String> answer(String method, String path, Http.Response response, int status) {
    assertThat(response.status()).as("%s %s: %s", method, path, response).isEqualTo(status);
    return OpenApiAnswerChecks.mismatches(
        document,
        method,
        path,
        response.status(),
        response.contentType(),
        response.body() == null ? null : response.body().toString());
  }

  JsonNode operation(String method, String path) {
    return OpenApiDocumentChecks.operation(document, method, path);
  }
}
