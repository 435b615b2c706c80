package dev.passbridge.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.junit.jupiter.api.Test;

/** What every service's document gets on top of its controllers' signatures. */
class PassbridgeOpenApiTest {

  static Operation operation() {
    return new Operation()
        .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("ok")));
  }

  @Test
  void everyOperationGetsTheSharedProblemAnswersByMethod() {
    Operation post = operation().requestBody(new RequestBody());
    Operation get = operation();
    OpenAPI api =
        new OpenAPI()
            .paths(new Paths().addPathItem("/api/things", new PathItem().post(post).get(get)));
    PassbridgeOpenApi.describe(api, "thing-service", "pb_session");
    PassbridgeOpenApi.addSharedAnswers(api);

    assertThat(post.getResponses()).containsKeys("200", "400", "403", "406", "413", "415", "503");
    assertThat(get.getResponses())
        .containsKeys("200", "406", "503")
        .doesNotContainKeys("400", "403", "415");
    assertThat(post.getResponses().get("415").getDescription()).contains("unsupported-media-type");
    assertThat(get.getResponses().get("406").getDescription()).contains("not-acceptable");
    assertThat(post.getResponses().get("413").getContent())
        .containsKey(PassbridgeOpenApi.PROBLEM_JSON);
    assertThat(api.getComponents().getSchemas()).containsKey(PassbridgeOpenApi.PROBLEM_SCHEMA);
    assertThat(api.getComponents().getSecuritySchemes())
        .containsKeys(
            PassbridgeOpenApi.SESSION,
            PassbridgeOpenApi.CONNECT_TOKEN,
            PassbridgeOpenApi.CONNECT_BASIC);
    assertThat(api.getComponents().getSecuritySchemes().get("session").getName())
        .isEqualTo("pb_session");
    assertThat(api.getInfo().getTitle()).isEqualTo("Passbridge thing-service");
    assertThat(get.getSecurity()).isNull();
  }

  /**
   * The Connect server API is called by a platform's backend with client credentials and has no
   * Origin rule, so its state-changing operations do not list {@code origin-not-allowed}.
   */
  @Test
  void theConnectServerApiListsNoOriginRule() {
    Operation report = operation().requestBody(new RequestBody());
    Operation delete = operation();
    OpenAPI api =
        new OpenAPI()
            .paths(
                new Paths()
                    .addPathItem("/connect/v1/logins", new PathItem().post(report))
                    .addPathItem("/connect/v1/users/{id}", new PathItem().delete(delete)));
    PassbridgeOpenApi.describe(api, "thing-service", "pb_session");
    PassbridgeOpenApi.addSharedAnswers(api);

    assertThat(report.getResponses())
        .containsKeys("400", "401", "406", "413", "415", "503")
        .doesNotContainKey("403");
    assertThat(delete.getResponses()).containsKeys("401", "413").doesNotContainKey("403");
  }

  /**
   * A service's own 403 (a role, a login bound to another browser) on a state-changing operation is
   * answered 403 {@code origin-not-allowed} too when the Origin is wrong (a filter refuses it
   * before any handler): the list of codes names both. An operation's own 400 stays its own.
   */
  @Test
  void aDocumented403ListsTheOriginRulesCodeToo() {
    Operation bound = operation().requestBody(new RequestBody());
    bound
        .getResponses()
        .addApiResponse(
            "403",
            new ApiResponse().description("Not this browser's login. Problem code: `not-yours`."));
    bound
        .getResponses()
        .addApiResponse(
            "400", new ApiResponse().description("Not a rule. Problem code: `invalid-rules`."));
    Operation admin = operation().requestBody(new RequestBody());
    PassbridgeOpenApi.requireSession(admin, "admin");
    OpenAPI api =
        new OpenAPI()
            .paths(
                new Paths()
                    .addPathItem("/api/things", new PathItem().post(bound))
                    .addPathItem("/api/admin/things", new PathItem().put(admin)));
    PassbridgeOpenApi.addSharedAnswers(api);

    assertThat(bound.getResponses().get("403").getDescription())
        .startsWith("Not this browser's login. Problem code: `not-yours`.")
        .contains("`origin-not-allowed`");
    assertThat(admin.getResponses().get("403").getDescription())
        .contains("`forbidden`", "`origin-not-allowed`");
    assertThat(bound.getResponses().get("400").getDescription())
        .isEqualTo("Not a rule. Problem code: `invalid-rules`.");
    // added once, however often the document is described
    PassbridgeOpenApi.addSharedAnswers(api);
    String twice = bound.getResponses().get("403").getDescription();
    assertThat(twice.indexOf("`origin-not-allowed`"))
        .isEqualTo(twice.lastIndexOf("`origin-not-allowed`"));
  }

  @Test
  void aDocumentedAnswerIsKeptAndSessionsAndConnectCredentialsAreRequired() {
    Operation mine = operation();
    mine.getResponses().addApiResponse("503", new ApiResponse().description("my own"));
    PassbridgeOpenApi.requireSession(mine, "admin");
    Operation connect = operation();
    Operation connectWithOwnAuth =
        operation().addSecurityItem(new SecurityRequirement().addList("session"));
    OpenAPI api =
        new OpenAPI()
            .paths(
                new Paths()
                    .addPathItem("/api/admin", new PathItem().get(mine))
                    .addPathItem("/connect/v1/things", new PathItem().get(connect))
                    .addPathItem("/connect/v1/keys", new PathItem().get(connectWithOwnAuth)));
    PassbridgeOpenApi.addSharedAnswers(api);

    assertThat(mine.getResponses().get("503").getDescription()).isEqualTo("my own");
    assertThat(mine.getResponses()).containsKeys("401", "403");
    // an operation's own 403 codes keep the role's: it is checked before the handler runs
    Operation stepUp = operation();
    stepUp
        .getResponses()
        .addApiResponse(
            "403",
            new ApiResponse()
                .description("Sign in again. Problem code: `reauthentication-required`."));
    PassbridgeOpenApi.requireSession(stepUp, "admin");
    assertThat(stepUp.getResponses().get("403").getDescription())
        .startsWith("Sign in again. Problem code: `reauthentication-required`.")
        .contains("`forbidden`");
    assertThat(mine.getResponses().get("403").getDescription()).contains("`forbidden`");
    assertThat(mine.getSecurity())
        .extracting(r -> r.keySet())
        .containsExactly(java.util.Set.of("session"));
    assertThat(connect.getSecurity())
        .extracting(r -> r.keySet())
        .containsExactly(java.util.Set.of("connectToken"), java.util.Set.of("connectBasic"));
    assertThat(connect.getResponses()).containsKey("401");
    assertThat(connectWithOwnAuth.getSecurity()).hasSize(1);
  }

  @Test
  void anyOfSeveralCredentialsAndAnswersWithSeveralCodes() {
    Operation caller = operation();
    PassbridgeOpenApi.requireAnyOf(
        caller, "unauthenticated", "No valid session or token.", "session", "connectToken");
    PassbridgeOpenApi.requireAnyOf(caller, "unauthenticated", "again", "session");
    PassbridgeOpenApi.problem(caller, 429, "Locked.", "otp-locked", "otp-account-locked");

    assertThat(caller.getSecurity())
        .extracting(r -> r.keySet())
        .containsExactly(java.util.Set.of("session"), java.util.Set.of("connectToken"));
    assertThat(caller.getResponses().get("401").getDescription())
        .isEqualTo("No valid session or token. Problem code: `unauthenticated`.");
    assertThat(caller.getResponses().get("429").getDescription())
        .isEqualTo("Locked. Problem codes: `otp-locked`, `otp-account-locked`.");
  }

  private static io.swagger.v3.oas.models.media.Schema<Object> ref(boolean nullable) {
    io.swagger.v3.oas.models.media.Schema<Object> ref =
        new io.swagger.v3.oas.models.media.Schema<>();
    ref.setSpecVersion(io.swagger.v3.oas.models.SpecVersion.V31);
    ref.set$ref("#/components/schemas/Options");
    if (nullable) {
      ref.addType("null"); // as swagger-core writes @Schema(nullable = true) on a reference
    }
    return ref;
  }

  private static io.swagger.v3.oas.models.media.Schema<Object> object() {
    io.swagger.v3.oas.models.media.Schema<Object> object =
        new io.swagger.v3.oas.models.media.Schema<>();
    object.setSpecVersion(io.swagger.v3.oas.models.SpecVersion.V31);
    return object;
  }

  @Test
  void aNullableReferenceBecomesAnyOfTheReferenceAndNullAtAnyDepth() throws Exception {
    var offer = ref(true);
    offer.setDescription("null without an offer");
    offer.setTitle("Offer");
    var list = object();
    list.addType("array");
    list.setItems(ref(true));
    var map = object();
    map.addType("object");
    map.setAdditionalProperties(ref(true));
    var inner = object();
    inner.addProperty("deep", ref(true));
    var answer = object();
    answer.addProperty("offer", offer);
    answer.addProperty("always", ref(false));
    answer.addProperty("offers", list);
    answer.addProperty("byName", map);
    answer.addProperty("inner", inner);
    var either = object();
    either.setOneOf(new java.util.ArrayList<>(java.util.List.of(ref(true), object())));
    answer.addProperty("either", either);
    OpenAPI api =
        new OpenAPI()
            .components(new io.swagger.v3.oas.models.Components().addSchemas("Answer", answer));

    PassbridgeOpenApi.nullableReferences(api);

    var json = io.swagger.v3.core.util.Json31.mapper();
    var written =
        json.readTree(io.swagger.v3.core.util.Json31.pretty(api))
            .path("components")
            .path("schemas")
            .path("Answer")
            .path("properties");
    var nullableOptions =
        json.readTree(
            "{\"anyOf\":[{\"$ref\":\"#/components/schemas/Options\"},{\"type\":\"null\"}]}");
    assertThat(written.path("offer"))
        .isEqualTo(
            json.readTree(
                "{\"title\":\"Offer\",\"description\":\"null without an offer\",\"anyOf\":[{\"$ref\":\"#/components/schemas/Options\"},{\"type\":\"null\"}]}"));
    assertThat(written.path("always"))
        .isEqualTo(json.readTree("{\"$ref\":\"#/components/schemas/Options\"}"));
    assertThat(written.path("offers").path("items")).isEqualTo(nullableOptions);
    assertThat(written.path("byName").path("additionalProperties")).isEqualTo(nullableOptions);
    assertThat(written.path("inner").path("properties").path("deep")).isEqualTo(nullableOptions);
    assertThat(written.path("either").path("oneOf").get(0)).isEqualTo(nullableOptions);
  }
}
