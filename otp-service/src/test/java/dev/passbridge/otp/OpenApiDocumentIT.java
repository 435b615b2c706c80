package dev.passbridge.otp;

import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.jsonSchemaName;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.problem;
import static dev.passbridge.platform.openapi.OpenApiDocumentChecks.successStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.platform.kafka.EventPublisher;
import dev.passbridge.platform.openapi.OpenApiAnswerChecks;
import dev.passbridge.platform.openapi.OpenApiDocumentChecks;
import dev.passbridge.testsupport.TestInfrastructure;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
            OpenApiAnswerChecks.withoutRequired(
                document, path -> path.startsWith("/api/"), Set.of()))
        .isEmpty();
  }

  /**
   * The answers as the service sends them, read against the document (required properties
   * included): a login's SMS in the dev inbox, a resend too soon and one after the cooldown, a
   * wrong and the right code, and refusals.
   */
  @Test
  void theHostedAnswersAreWhatTheDocumentSays() {
    List<String> found = new ArrayList<>();
    OtpHttp http = new OtpHttp(port);
    String token = LoginBinding.newToken();
    PasswordAuthenticated login =
        OtpHttp.passwordAuthenticated(
                UUID.randomUUID(), OtpHttp.newLoginId(), OtpHttp.newPhone(), clock.instant())
            .withLoginBinding(LoginBinding.digest(token));
    http.holdBinding(login.loginId(), token);
    found.addAll(
        answer("get", "/api/dev/sms", http.get("/api/dev/sms?loginId=" + login.loginId()), 404));
    events.publishAndWait(login);
    HttpResponse<String> sms = http.get("/api/dev/sms?loginId=" + login.loginId());
    for (int i = 0; i < 400 && sms.statusCode() == 404; i++) {
      sleep(25);
      sms = http.get("/api/dev/sms?loginId=" + login.loginId());
    }
    found.addAll(answer("get", "/api/dev/sms", sms, 200));
    found.addAll(answer("post", "/api/otp/resend", http.resend(login.loginId()), 429));
    clock.advance(Duration.ofSeconds(30));
    found.addAll(answer("post", "/api/otp/resend", http.resend(login.loginId()), 200));
    String code =
        OtpHttp.json(http.get("/api/dev/sms?loginId=" + login.loginId())).path("code").asString();
    String wrong = code.equals("000000") ? "111111" : "000000";
    found.addAll(answer("post", "/api/otp/verify", http.verify(login.loginId(), wrong), 400));
    found.addAll(answer("post", "/api/otp/verify", http.verify(login.loginId(), code), 204));
    found.addAll(answer("post", "/api/otp/resend", http.resend(login.loginId()), 410));
    found.addAll(answer("post", "/api/otp/resend", http.post("/api/otp/resend", "{}"), 400));
    assertThat(found).isEmpty();
  }

  /** The answer's mismatches with the document, after checking it is the one meant. */
  List<String> answer(String method, String path, HttpResponse<String> response, int status) {
    assertThat(response.statusCode())
        .as("%s %s: %s", method, path, response.body())
        .isEqualTo(status);
    return OpenApiAnswerChecks.mismatches(
        document,
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
}
