package dev.passbridge.otp;

import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.jsonSchemaName;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.problem;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.successStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.platform.openapi.OpenApiDocumentChecks;
import dev.passbridge.testsupport.TestInfrastructure;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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
class OpenApiDocumentIT {
  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerKafka(registry);
    TestInfrastructure.registerRedis(registry);
  }

  @LocalServerPort int port;

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

  JsonNode operation(String method, String path) {
    return OpenApiDocumentChecks.operation(document, method, path);
  }
}
