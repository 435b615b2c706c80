package dev.passbridge.examples.shop.passbridge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.passbridge.examples.shop.passbridge.PassbridgeClient.ClientInfo;
import dev.passbridge.examples.shop.passbridge.PassbridgeClient.ConnectToken;
import dev.passbridge.examples.shop.passbridge.PassbridgeClient.LoginReport;
import dev.passbridge.examples.shop.passbridge.PassbridgeClient.SecondFactor;
import dev.passbridge.examples.shop.passbridge.PassbridgeClient.VerifiedLogin;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shop's Passbridge client against a WireMock stub of the documented {@code /connect/v1}
 * exchanges: Basic auth with the configured client, the request bodies, the answers, and every
 * problem mapped to a {@link PassbridgeException} the shop can act on.
 */
class PassbridgeClientTest {
  static final String SECRET = "test-secret-0123456789abcdef";
  static final String PROBLEM = "application/problem+json";

  static WireMockServer wiremock;
  PassbridgeClient client;

  @BeforeAll
  static void startStub() {
    wiremock = new WireMockServer(options().dynamicPort());
    wiremock.start();
  }

  @AfterAll
  static void stopStub() {
    wiremock.stop();
  }

  @BeforeEach
  void setUp() {
    wiremock.resetAll();
    // patient: a busy machine must not fail a test that is not about timeouts (those use 300 ms)
    client = client(Duration.ofSeconds(10));
  }

  PassbridgeClient client(Duration readTimeout) {
    PassbridgeProperties properties =
        new PassbridgeProperties(
            URI.create(wiremock.baseUrl()),
            null,
            "shop",
            SECRET,
            Duration.ofSeconds(1),
            readTimeout);
    return new PassbridgeConfiguration()
        .passbridgeClient(
            properties,
            RestClient.builder(),
            JsonMapper.builder().findAndAddModules().build(),
            new MockEnvironment());
  }

  @Test
  void reportsALoginWithBasicAuthAndGetsAnAppendToken() {
    wiremock.stubFor(
        post("/connect/v1/logins")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"loginId\":\"l-1\",\"connectToken\":\"eyJ.append.token\",\"expiresIn\":300}")));

    ConnectToken token =
        client.reportLogin(
            new LoginReport(
                "user-1",
                "alice@shop.example",
                "Alice",
                new SecondFactor("email", Instant.parse("2026-01-02T03:04:05Z")),
                new ClientInfo(
                    true,
                    Map.of("conditionalCreate", true),
                    "Mozilla/5.0",
                    Map.of("Sec-CH-UA-Platform", "\"Linux\""))));

    assertThat(token.loginId()).isEqualTo("l-1");
    assertThat(token.connectToken()).isEqualTo("eyJ.append.token");
    assertThat(token.expiresIn()).isEqualTo(300);
    assertThat(token.toString()).doesNotContain("eyJ");
    wiremock.verify(
        postRequestedFor(urlEqualTo("/connect/v1/logins"))
            .withBasicAuth(new BasicCredentials("shop", SECRET))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("Idempotency-Key", matching("[0-9a-f-]{36}"))
            .withRequestBody(
                equalToJson(
                    """
                    {"externalUserId":"user-1","username":"alice@shop.example","displayName":"Alice",
                     "secondFactor":{"channel":"email","verifiedAt":"2026-01-02T03:04:05Z"},
                     "client":{"autofilled":true,"capabilities":{"conditionalCreate":true},
                               "userAgent":"Mozilla/5.0","hints":{"Sec-CH-UA-Platform":"\\"Linux\\""}}}
                    """)));
  }

  @Test
  void asksForAManageToken() {
    wiremock.stubFor(
        post("/connect/v1/tokens")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"connectToken\":\"eyJ.manage\",\"expiresIn\":300}")));

    assertThat(client.manageToken("user-1").connectToken()).isEqualTo("eyJ.manage");
    wiremock.verify(
        postRequestedFor(urlEqualTo("/connect/v1/tokens"))
            .withBasicAuth(new BasicCredentials("shop", SECRET))
            .withRequestBody(equalToJson("{\"externalUserId\":\"user-1\",\"scope\":\"manage\"}")));
  }

  @Test
  void verifiesALoginResult() {
    wiremock.stubFor(
        post("/connect/v1/login-results/verify")
            .withRequestBody(equalToJson("{\"loginResult\":\"eyJ.result\"}"))
            .willReturn(
                okJson(
                    "{\"externalUserId\":\"user-1\",\"credentialId\":\"Y3JlZA\","
                        + "\"authenticatedAt\":\"2026-01-02T03:04:05Z\",\"amr\":[\"passkey\"]}")));

    VerifiedLogin verified = client.verifyLoginResult("eyJ.result");

    assertThat(verified.externalUserId()).isEqualTo("user-1");
    assertThat(verified.credentialId()).isEqualTo("Y3JlZA");
    assertThat(verified.authenticatedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(verified.amr()).containsExactly("passkey");
  }

  @Test
  void listsAUsersPasskeys() {
    wiremock.stubFor(
        get("/connect/v1/users/user-1/passkeys")
            .willReturn(
                okJson(
                    "[{\"id\":\"Y3JlZA\",\"name\":\"Laptop\",\"provider\":\"Chrome\","
                        + "\"createdAt\":\"2026-01-02T03:04:05Z\",\"lastUsedAt\":null,\"synced\":false}]")));

    List<PassbridgeClient.Passkey> passkeys = client.passkeys("user-1");

    assertThat(passkeys).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("Laptop"));
    wiremock.verify(
        getRequestedFor(urlEqualTo("/connect/v1/users/user-1/passkeys"))
            .withBasicAuth(new BasicCredentials("shop", SECRET)));
  }

  @Test
  void aReplayedLoginResultIsRejectedWithItsCode() {
    stubProblem("/connect/v1/login-results/verify", 409, "login-result-used");

    assertThatThrownBy(() -> client.verifyLoginResult("eyJ.result"))
        .isInstanceOfSatisfying(
            PassbridgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PassbridgeException.Kind.REJECTED);
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.code()).isEqualTo("login-result-used");
            });
  }

  @Test
  void anInvalidLoginResultIsRejected() {
    stubProblem("/connect/v1/login-results/verify", 400, "invalid-login-result");

    assertThatThrownBy(() -> client.verifyLoginResult("forged"))
        .isInstanceOfSatisfying(
            PassbridgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PassbridgeException.Kind.REJECTED);
              assertThat(e.code()).isEqualTo("invalid-login-result");
            });
  }

  @Test
  void aWrongClientIsAConfigurationError() {
    stubProblem("/connect/v1/logins", 401, "invalid-client");

    assertThatThrownBy(() -> client.reportLogin(report()))
        .isInstanceOfSatisfying(
            PassbridgeException.class,
            e -> assertThat(e.kind()).isEqualTo(PassbridgeException.Kind.MISCONFIGURED));
  }

  @Test
  void overTheQuota() {
    wiremock.stubFor(
        post("/connect/v1/logins")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", PROBLEM)
                    .withHeader("Retry-After", "30")
                    .withBody("{\"status\":429,\"code\":\"quota-exceeded\"}")));

    assertThatThrownBy(() -> client.reportLogin(report()))
        .isInstanceOfSatisfying(
            PassbridgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PassbridgeException.Kind.OVER_QUOTA);
              assertThat(e.code()).isEqualTo("quota-exceeded");
            });
  }

  @Test
  void aReportAnswered503IsSentOnceMoreUnderTheSameIdempotencyKey() {
    wiremock.stubFor(
        post("/connect/v1/logins")
            .inScenario("broker down")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("Content-Type", PROBLEM))
            .willSetStateTo("back"));
    wiremock.stubFor(
        post("/connect/v1/logins")
            .inScenario("broker down")
            .whenScenarioStateIs("back")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"loginId\":\"l-2\",\"connectToken\":\"t\",\"expiresIn\":300}")));

    assertThat(client.reportLogin(report()).loginId()).isEqualTo("l-2");
    assertThat(client.reportLogin(report()).loginId()).isEqualTo("l-2");

    List<LoggedRequest> sent = wiremock.findAll(postRequestedFor(urlEqualTo("/connect/v1/logins")));
    assertThat(sent).hasSize(3);
    assertThat(sent.get(1).getHeader("Idempotency-Key"))
        .isEqualTo(sent.get(0).getHeader("Idempotency-Key"));
    // a new report is a new key
    assertThat(sent.get(2).getHeader("Idempotency-Key"))
        .isNotEqualTo(sent.get(0).getHeader("Idempotency-Key"));
  }

  @Test
  void aRejectedReportIsNotRepeated() {
    stubProblem("/connect/v1/logins", 400, "validation-failed");

    assertThatThrownBy(() -> client.reportLogin(report())).isInstanceOf(PassbridgeException.class);
    wiremock.verify(1, postRequestedFor(urlEqualTo("/connect/v1/logins")));
  }

  @Test
  void serverErrorsAndNonProblemAnswersMeanUnavailable() {
    wiremock.stubFor(
        post("/connect/v1/logins").willReturn(aResponse().withStatus(503).withBody("busy")));

    assertThatThrownBy(() -> client.reportLogin(report()))
        .isInstanceOfSatisfying(
            PassbridgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PassbridgeException.Kind.UNAVAILABLE);
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.code()).isNull();
            });
    // sent once more under its key, then given up
    wiremock.verify(2, postRequestedFor(urlEqualTo("/connect/v1/logins")));
  }

  @Test
  void aSlowPassbridgeTimesOut() {
    wiremock.stubFor(
        post("/connect/v1/logins")
            .willReturn(
                okJson("{\"loginId\":\"l\",\"connectToken\":\"t\",\"expiresIn\":300}")
                    .withFixedDelay(3_000)));
    PassbridgeClient impatient = client(Duration.ofMillis(300));

    assertThatThrownBy(() -> impatient.reportLogin(report()))
        .isInstanceOfSatisfying(
            PassbridgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PassbridgeException.Kind.UNAVAILABLE);
              assertThat(e.status()).isZero();
            });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {202, 204})
  void erasesAUserWithBasicAuth(int status) {
    wiremock.stubFor(delete("/connect/v1/users/user-1").willReturn(aResponse().withStatus(status)));

    assertThatCode(() -> client.eraseUser("user-1")).doesNotThrowAnyException();
    wiremock.verify(
        1,
        deleteRequestedFor(urlEqualTo("/connect/v1/users/user-1"))
            .withBasicAuth(new BasicCredentials("shop", SECRET)));
    wiremock.verify(1, deleteRequestedFor(anyUrl()));
  }

  @Test
  void theErasedIdIsOnePathSegment() {
    wiremock.stubFor(
        delete(urlEqualTo("/connect/v1/users/a%2Fb%20c%3F%23%25"))
            .willReturn(aResponse().withStatus(204)));

    client.eraseUser("a/b c?#%");

    List<LoggedRequest> sent = wiremock.findAll(deleteRequestedFor(anyUrl()));
    assertThat(sent)
        .singleElement()
        .satisfies(r -> assertThat(r.getUrl()).isEqualTo("/connect/v1/users/a%2Fb%20c%3F%23%25"));
  }

  @Test
  void anErasureAnswered503IsSentOnceMoreAndThenGivenUp() {
    wiremock.stubFor(
        delete("/connect/v1/users/user-1")
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", PROBLEM)
                    .withBody("{\"status\":503,\"code\":\"service-unavailable\"}")));

    assertThatThrownBy(() -> client.eraseUser("user-1"))
        .isInstanceOfSatisfying(
            PassbridgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PassbridgeException.Kind.UNAVAILABLE);
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.code()).isEqualTo("service-unavailable");
              assertThat(e.erasureIncomplete()).isFalse();
            });
    wiremock.verify(2, deleteRequestedFor(urlEqualTo("/connect/v1/users/user-1")));
  }

  /**
   * 503 {@code erasure-incomplete}: the erasure started but did not finish; the one repeat finishes
   * it (202).
   */
  @Test
  void anErasureAnsweredIncompleteIsFinishedByTheRepeat() {
    wiremock.stubFor(
        delete("/connect/v1/users/user-1")
            .inScenario("erasure")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(erasureIncomplete())
            .willSetStateTo("started"));
    wiremock.stubFor(
        delete("/connect/v1/users/user-1")
            .inScenario("erasure")
            .whenScenarioStateIs("started")
            .willReturn(aResponse().withStatus(202)));

    assertThatCode(() -> client.eraseUser("user-1")).doesNotThrowAnyException();
    wiremock.verify(2, deleteRequestedFor(urlEqualTo("/connect/v1/users/user-1")));
    wiremock.verify(2, deleteRequestedFor(anyUrl()));
  }

  /** Incomplete twice: one repeat only, then a failure that carries the code. */
  @Test
  void anErasureAnsweredIncompleteTwiceFailsWithTheCode() {
    wiremock.stubFor(delete("/connect/v1/users/user-1").willReturn(erasureIncomplete()));

    assertThatThrownBy(() -> client.eraseUser("user-1"))
        .isInstanceOfSatisfying(
            PassbridgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PassbridgeException.Kind.UNAVAILABLE);
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.code()).isEqualTo(PassbridgeException.ERASURE_INCOMPLETE);
              assertThat(e.erasureIncomplete()).isTrue();
            });
    wiremock.verify(2, deleteRequestedFor(urlEqualTo("/connect/v1/users/user-1")));
  }

  /**
   * Incomplete, then a repeat that Passbridge could not record (or that got no answer): the erasure
   * has started all the same, so the failure says {@code erasure-incomplete}, the repeat's failure
   * suppressed in it.
   */
  @Test
  void anIncompleteErasureWhoseRepeatFailsOtherwiseStillSaysItStarted() {
    wiremock.stubFor(
        delete("/connect/v1/users/user-1")
            .inScenario("erasure")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(erasureIncomplete())
            .willSetStateTo("started"));
    wiremock.stubFor(
        delete("/connect/v1/users/user-1")
            .inScenario("erasure")
            .whenScenarioStateIs("started")
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", PROBLEM)
                    .withHeader("Retry-After", "1")
                    .withBody("{\"status\":503,\"code\":\"service-unavailable\"}")));

    assertThatThrownBy(() -> client.eraseUser("user-1"))
        .isInstanceOfSatisfying(
            PassbridgeException.class,
            e -> {
              assertThat(e.erasureIncomplete()).isTrue();
              assertThat(e.getSuppressed())
                  .singleElement()
                  .isInstanceOfSatisfying(
                      PassbridgeException.class,
                      repeated -> assertThat(repeated.code()).isEqualTo("service-unavailable"));
            });
    wiremock.verify(2, deleteRequestedFor(urlEqualTo("/connect/v1/users/user-1")));
  }

  /** The first attempt got through but its answer was lost: the repeat finds nothing left. */
  @Test
  void anErasureRepeatedAfterA503SucceedsWith204() {
    wiremock.stubFor(
        delete("/connect/v1/users/user-1")
            .inScenario("erasure")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("Content-Type", PROBLEM))
            .willSetStateTo("erased"));
    wiremock.stubFor(
        delete("/connect/v1/users/user-1")
            .inScenario("erasure")
            .whenScenarioStateIs("erased")
            .willReturn(aResponse().withStatus(204)));

    assertThatCode(() -> client.eraseUser("user-1")).doesNotThrowAnyException();
    wiremock.verify(2, deleteRequestedFor(urlEqualTo("/connect/v1/users/user-1")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "401, invalid-client, MISCONFIGURED",
    "400, validation-failed, REJECTED",
    "429, quota-exceeded, OVER_QUOTA"
  })
  void aRefusedErasureFailsAndIsNotRepeated(
      int status, String code, PassbridgeException.Kind kind) {
    wiremock.stubFor(
        delete("/connect/v1/users/user-1")
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", PROBLEM)
                    .withBody("{\"status\":" + status + ",\"code\":\"" + code + "\"}")));

    assertThatThrownBy(() -> client.eraseUser("user-1"))
        .isInstanceOfSatisfying(
            PassbridgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.code()).isEqualTo(code);
            });
    wiremock.verify(1, deleteRequestedFor(anyUrl()));
  }

  /** Only 202 and 204 say done: a 200 or a redirect (another server at that URL) is no erasure. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {200, 302})
  void anyOtherAnswerIsNoErasure(int status) {
    wiremock.stubFor(
        delete("/connect/v1/users/user-1")
            .willReturn(
                aResponse().withStatus(status).withHeader("Location", "/login").withBody("{}")));

    assertThatThrownBy(() -> client.eraseUser("user-1"))
        .isInstanceOfSatisfying(
            PassbridgeException.class, e -> assertThat(e.status()).isEqualTo(status));
  }

  @Test
  void aSlowErasureTimesOut() {
    wiremock.stubFor(
        delete("/connect/v1/users/user-1")
            .willReturn(aResponse().withStatus(202).withFixedDelay(3_000)));
    PassbridgeClient impatient = client(Duration.ofMillis(300));

    assertThatThrownBy(() -> impatient.eraseUser("user-1"))
        .isInstanceOfSatisfying(
            PassbridgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PassbridgeException.Kind.UNAVAILABLE);
              assertThat(e.status()).isZero();
            });
    wiremock.verify(2, deleteRequestedFor(urlEqualTo("/connect/v1/users/user-1")));
  }

  @Test
  void theDemoSecretIsRefusedOutsideTheLocalProfile() {
    PassbridgeProperties demo =
        new PassbridgeProperties(
            URI.create("http://localhost:8080"),
            null,
            "shop",
            PassbridgeConfiguration.DEMO_SECRET,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    assertThatThrownBy(() -> PassbridgeConfiguration.checkSecret(demo, new MockEnvironment()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(PassbridgeConfiguration.DEMO_SECRET);
    MockEnvironment local = new MockEnvironment();
    local.setActiveProfiles("local");
    PassbridgeConfiguration.checkSecret(demo, local);
    assertThat(demo.toString()).doesNotContain(PassbridgeConfiguration.DEMO_SECRET);
  }

  /** Passbridge's answer to an erasure that started but did not finish. */
  private static ResponseDefinitionBuilder erasureIncomplete() {
    return aResponse()
        .withStatus(503)
        .withHeader("Content-Type", PROBLEM)
        .withHeader("Retry-After", "1")
        .withBody(
            "{\"type\":\"https://passbridge.dev/problems/erasure-incomplete\",\"title\":\"Erasure"
                + " incomplete\",\"status\":503,\"code\":\"erasure-incomplete\",\"detail\":\"The"
                + " erasure is recorded and under way, but not every step finished. Send the same"
                + " request again to finish it.\"}");
  }

  private void stubProblem(String path, int status, String code) {
    wiremock.stubFor(
        post(path)
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", PROBLEM)
                    .withBody(
                        "{\"type\":\"https://passbridge.dev/problems/"
                            + code
                            + "\",\"status\":"
                            + status
                            + ",\"code\":\""
                            + code
                            + "\"}")));
  }

  private static LoginReport report() {
    return new LoginReport(
        "user-1",
        "alice@shop.example",
        "Alice",
        null,
        new ClientInfo(false, Map.of(), null, Map.of()));
  }
}
