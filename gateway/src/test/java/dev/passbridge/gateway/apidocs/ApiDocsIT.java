package dev.passbridge.gateway.apidocs;

import static dev.passbridge.gateway.support.Backends.AUTH_1;
import static dev.passbridge.gateway.support.Backends.AUTH_2;
import static dev.passbridge.gateway.support.Backends.INSIGHTS;
import static dev.passbridge.gateway.support.Backends.OTP;
import static dev.passbridge.gateway.support.Backends.PASSKEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.AbstractGatewayIT;
import dev.passbridge.gateway.support.StubService;
import dev.passbridge.platform.core.problem.ProblemMetric;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api-docs} in the production-shaped profile: the services' documents merged, only what
 * the gateway routes kept, components that clash renamed; the viewer does not exist.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiDocsIT extends AbstractGatewayIT {
  @Autowired MeterRegistry meters;
  static final JsonMapper JSON = JsonMapper.builder().build();

  static String document(String path, String schema, String schemaBody) {
    return """
        {"openapi": "3.1.0", "info": {"title": "x", "version": "1"},
         "servers": [{"url": "http://10.0.0.1:8081"}],
         "paths": {"%s": {"post": {"requestBody": {"content": {"application/json":
             {"schema": {"$ref": "#/components/schemas/%s"}}}}, "responses": {"200": {"description": "ok"}}}},
           "/v3/api-docs": {"get": {"responses": {"200": {"description": "never routed"}}}},
           "/api/dev/sms": {"get": {"responses": {"200": {"description": "dev only"}}}}},
         "components": {"schemas": {"%s": %s, "Unused": {"type": "object"}},
           "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "pb_session"}}}}
        """
        .formatted(path, schema, schema, schemaBody);
  }

  static void serve(StubService service, String document) {
    service.respond("GET /v3/api-docs", StubService.Response.json(200, document));
  }

  /** First: a failure is not kept, but the merged document is (30 s). */
  @Test
  @Order(1)
  void aServiceThatCannotAnswerMakesIt503() {
    String request = "{\"type\": \"object\"}";
    serve(AUTH_1, document("/api/auth/login", "Request", request));
    serve(AUTH_2, document("/api/auth/login", "Request", request));
    PASSKEY.respond("GET /v3/api-docs", StubService.Response.json(500, "{}"));
    client
        .get()
        .uri("/api-docs")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals("Retry-After", "1")
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("service-unavailable");
    // the gateway's own problem is counted by its code
    assertThat(
            meters
                .get(ProblemMetric.NAME)
                .tag(ProblemMetric.CODE, "service-unavailable")
                .tag(ProblemMetric.STATUS, "503")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  @Order(2)
  void mergesWhatTheGatewayRoutesAndNothingElse() {
    String request = "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}";
    String otherRequest =
        "{\"type\": \"object\", \"properties\": {\"b\": {\"type\": \"integer\"}}}";
    serve(AUTH_1, document("/api/auth/login", "Request", request));
    serve(AUTH_2, document("/api/auth/login", "Request", request));
    serve(OTP, document("/api/otp/verify", "Request", otherRequest));
    serve(PASSKEY, document("/api/passkeys/{id}", "Request", request));
    serve(INSIGHTS, document("/api/insights/rules", "Rules", request));

    byte[] body =
        client
            .get()
            .uri("/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    JsonNode doc = JSON.readTree(body);

    assertThat(doc.path("openapi").asString()).isEqualTo("3.1.0");
    assertThat(doc.path("servers").get(0).path("url").asString()).isEqualTo("/");
    assertThat(doc.path("paths").propertyNames())
        .containsExactlyInAnyOrder(
            "/api/auth/login", "/api/otp/verify", "/api/passkeys/{id}", "/api/insights/rules");
    // the same name, another definition: otp-service's schema is renamed and referenced so
    assertThat(doc.at("/components/schemas/Request/properties").propertyNames())
        .containsExactly("a");
    assertThat(doc.at("/components/schemas/otp_Request/properties").propertyNames())
        .containsExactly("b");
    assertThat(
            doc.at(
                    "/paths/~1api~1otp~1verify/post/requestBody/content/application~1json/schema/$ref")
                .asString())
        .isEqualTo("#/components/schemas/otp_Request");
    // nothing unrouted is described, not even its schemas
    assertThat(doc.at("/components/schemas").propertyNames()).doesNotContain("Unused");
    assertThat(doc.at("/components/securitySchemes/session/in").asString()).isEqualTo("cookie");
    // the gateway's own rate limits answer 429 rate-limited on the operations they count, and
    // only there
    assertThat(doc.at("/paths/~1api~1auth~1login/post/responses/429/description").asString())
        .contains("`rate-limited`");
    assertThat(doc.at("/paths/~1api~1otp~1verify/post/responses/429/description").asString())
        .contains("`rate-limited`");
    assertThat(doc.at("/paths/~1api~1passkeys~1{id}/post/responses").has("429")).isFalse();
    assertThat(doc.at("/paths/~1api~1insights~1rules/post/responses").has("429")).isFalse();
  }

  @Test
  @Order(3)
  void theViewerAndTheServicesDocumentsDoNotExistOutsideTheLocalProfile() {
    for (String path :
        new String[] {
          "/swagger-ui.html",
          "/swagger-ui/index.html",
          "/webjars/swagger-ui/index.html",
          "/v3/api-docs",
          "/v3/api-docs/swagger-config"
        }) {
      client
          .get()
          .uri(path)
          .exchange()
          .expectStatus()
          .isNotFound()
          .expectBody()
          .jsonPath("$.code")
          .isEqualTo("not-found");
    }
  }
}
