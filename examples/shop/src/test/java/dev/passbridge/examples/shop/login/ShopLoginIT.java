package dev.passbridge.examples.shop.login;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import dev.passbridge.examples.shop.users.ShopUser;
import dev.passbridge.examples.shop.users.ShopUsers;
import dev.passbridge.testsupport.TestInfrastructure;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shop's own login over HTTP against a real PostgreSQL: password (Spring Security form login),
 * the e-mailed second factor (hashed, single use, 5 minutes, 5 tries), the session, and the two
 * places it meets Passbridge (a WireMock stub of {@code /connect/v1}): the completed login reported
 * for an append token, and a passkey login result verified before the shop logs the customer in.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=shop",
      "shop.demo-users=true",
      "shop.dev-mailbox=true",
      "shop.passbridge.client-secret=test-secret-0123456789abcdef",
      "spring.main.allow-bean-definition-overriding=true"
    })
class ShopLoginIT {
  static final WireMockServer passbridge = new WireMockServer(options().dynamicPort());

  static {
    passbridge.start();
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerPostgres(registry, "shop");
    registry.add("shop.passbridge.url", passbridge::baseUrl);
  }

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    MutableClock clock() {
      return new MutableClock();
    }
  }

  @LocalServerPort int port;
  @Autowired DevMailbox mailbox;
  @Autowired ShopUsers users;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  WebClient web;

  @AfterAll
  static void stopStub() {
    passbridge.stop();
  }

  @BeforeEach
  void setUp() {
    passbridge.resetAll();
    ShopTests.acceptsLoginReports(passbridge);
    passbridge.stubFor(
        post("/connect/v1/tokens")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"connectToken\":\"manage-token-1\",\"expiresIn\":300}")));
    web = new WebClient("http://localhost:" + port);
  }

  @Test
  void passwordThenCodeLogsInAndReportsTheLoginToPassbridge() throws Exception {
    ShopUser alice = users.byEmail("alice@shop.example").orElseThrow();
    passwordStep("alice@shop.example", "shop-alice-1", true);

    // the password alone opens the code page and nothing else
    assertThat(web.get("/account").statusCode()).isEqualTo(403);
    HttpResponse<String> page = web.get("/second-factor");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("alice@shop.example");
    // a code pasted as "582 961" must reach the page's script whole: no maxlength cuts it to
    // "582 96"; the script keeps the six digits
    assertThat(page.body())
        .doesNotContain("maxlength")
        .doesNotContain("aria-invalid")
        .contains("<script type=\"module\" src=\"/js/second-factor.js\"></script>");
    HttpResponse<String> script = web.get("/js/second-factor.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains(".replace(/[^0-9]/g, '').slice(0, 6)");

    String code = lastCode("alice@shop.example");
    assertThat(jdbc.sql("SELECT code_hash FROM second_factor_code").query(String.class).list())
        .as("stored as a hash only")
        .isNotEmpty()
        .noneMatch(h -> h.contains(code));
    HttpResponse<String> wrong = web.postForm("/second-factor", Map.of("code", wrong(code)));
    assertThat(wrong.statusCode()).isEqualTo(200);
    assertThat(wrong.body()).contains("That code is not right.");
    // the field is marked and described by the error (the page's script focuses it)
    assertThat(wrong.body())
        .containsPattern(
            "<input id=\"code\"[^>]* aria-invalid=\"true\" aria-describedby=\"error\"");

    HttpResponse<String> right = web.postForm("/second-factor", Map.of("code", code));
    assertThat(WebClient.location(right)).isEqualTo("/welcome");
    passbridge.verify(
        postRequestedFor(urlEqualTo("/connect/v1/logins"))
            .withBasicAuth(new BasicCredentials("shop", "test-secret-0123456789abcdef"))
            .withRequestBody(matchingJsonPath("$.externalUserId", equalTo(alice.id())))
            .withRequestBody(matchingJsonPath("$.username", equalTo("alice@shop.example")))
            .withRequestBody(matchingJsonPath("$.displayName", equalTo("Alice")))
            .withRequestBody(matchingJsonPath("$.secondFactor.channel", equalTo("email")))
            .withRequestBody(matchingJsonPath("$.secondFactor.verifiedAt"))
            .withRequestBody(matchingJsonPath("$.client.autofilled", equalTo("true")))
            .withRequestBody(
                matchingJsonPath("$.client.capabilities.conditionalCreate", equalTo("true")))
            .withRequestBody(
                matchingJsonPath("$.client.hints.Sec-CH-UA-Platform", equalTo("\"Linux\""))));

    HttpResponse<String> welcome = web.get("/welcome");
    assertThat(welcome.statusCode()).isEqualTo(200);
    assertThat(welcome.body())
        .contains("Welcome, Alice")
        .containsPattern("<passbridge-append[^>]*token=\"append-token-1\"")
        .as("the SDK's stylesheet in the head, there before its elements render")
        .containsPattern(
            "(?s)<head>.*<link rel=\"stylesheet\" href=\""
                + Pattern.quote(passbridge.baseUrl())
                + "/sdk/v1/passbridge.css\">.*</head>");
    assertThat(welcome.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self' " + passbridge.baseUrl())
        .contains("connect-src 'self' " + passbridge.baseUrl())
        .doesNotContain("unsafe-inline");
    assertThat(web.get("/welcome").body())
        .as("the append token is shown once")
        .doesNotContain("append-token-1");

    // the code is used up
    HttpResponse<String> account = web.get("/account");
    assertThat(account.statusCode()).isEqualTo(200);
    assertThat(account.body())
        .containsPattern("<passbridge-passkey-list[^>]*token=\"manage-token-1\"")
        .contains("/sdk/v1/passbridge.css");
    passbridge.verify(
        postRequestedFor(urlEqualTo("/connect/v1/tokens"))
            .withRequestBody(
                equalToJson("{\"externalUserId\":\"" + alice.id() + "\",\"scope\":\"manage\"}")));

    HttpResponse<String> logout = web.postForm("/logout", Map.of());
    assertThat(WebClient.location(logout)).isEqualTo("/login?logout");
    assertThat(web.get("/account").statusCode()).isEqualTo(302);
  }

  /**
   * The shop's own session cookie, set anew when the password is right: no script reads it and no
   * cross-site subrequest carries it (the security probe found it without SameSite).
   */
  @Test
  void theShopsSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
    HttpResponse<String> response = passwordStep("bob@shop.example", "shop-bob-1", false);
    List<String> session =
        response.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .toList();
    assertThat(session).hasSize(1);
    assertThat(session.getFirst()).containsIgnoringCase("; HttpOnly").contains("SameSite=Lax");
  }

  @Test
  void aWrongPasswordGoesNowhere() throws Exception {
    web.get("/login");
    HttpResponse<String> response =
        web.postForm("/login", Map.of("username", "alice@shop.example", "password", "wrong-one"));
    assertThat(WebClient.location(response)).isEqualTo("/login?error");
    assertThat(web.get("/second-factor").statusCode()).isEqualTo(302);
    // the login page after it: both fields marked and described by the error; not before it
    String again = web.get("/login?error").body();
    for (String field : new String[] {"username", "password"}) {
      assertThat(again)
          .containsPattern(
              "<input id=\"" + field + "\"[^>]* aria-invalid=\"true\" aria-describedby=\"error\"");
    }
    assertThat(web.get("/login").body()).doesNotContain("aria-invalid");
    passbridge.verify(0, postRequestedFor(urlEqualTo("/connect/v1/logins")));
  }

  @Test
  void aCodeExpiresAfterFiveMinutes() throws Exception {
    passwordStep("bob@shop.example", "shop-bob-1", false);
    String code = lastCode("bob@shop.example");
    ((MutableClock) clock).advance(Duration.ofMinutes(5).plusSeconds(1));

    HttpResponse<String> late = web.postForm("/second-factor", Map.of("code", code));
    assertThat(WebClient.location(late)).isEqualTo("/login?expired");
    assertThat(web.get("/account").statusCode()).isEqualTo(302);
    passbridge.verify(0, postRequestedFor(urlEqualTo("/connect/v1/logins")));
  }

  @Test
  void fiveWrongCodesVoidTheCode() throws Exception {
    passwordStep("bob@shop.example", "shop-bob-1", false);
    String code = lastCode("bob@shop.example");
    for (int i = 0; i < 4; i++) {
      assertThat(web.postForm("/second-factor", Map.of("code", wrong(code))).body())
          .contains("That code is not right.");
    }
    assertThat(WebClient.location(web.postForm("/second-factor", Map.of("code", wrong(code)))))
        .isEqualTo("/login?expired");
    // the right code no longer helps: the login starts over
    assertThat(web.get("/second-factor").statusCode()).isEqualTo(302);
    passbridge.verify(0, postRequestedFor(urlEqualTo("/connect/v1/logins")));
  }

  @Test
  void aNewLoginVoidsTheEarlierCode() throws Exception {
    passwordStep("bob@shop.example", "shop-bob-1", false);
    String first = lastCode("bob@shop.example");
    web = new WebClient("http://localhost:" + port);
    passwordStep("bob@shop.example", "shop-bob-1", false);
    String second = lastCode("bob@shop.example");
    if (!first.equals(second)) {
      assertThat(web.postForm("/second-factor", Map.of("code", first)).body())
          .contains("That code is not right.");
    }
    assertThat(WebClient.location(web.postForm("/second-factor", Map.of("code", second))))
        .isEqualTo("/welcome");
  }

  @Test
  void theShopStillLogsInWithoutPassbridge() throws Exception {
    passbridge.resetAll(); // every /connect/v1 call answers 404 now
    passwordStep("bob@shop.example", "shop-bob-1", false);
    assertThat(
            WebClient.location(
                web.postForm("/second-factor", Map.of("code", lastCode("bob@shop.example")))))
        .isEqualTo("/welcome");
    HttpResponse<String> welcome = web.get("/welcome");
    assertThat(welcome.body())
        .contains("Welcome, Bob")
        .doesNotContain("<passbridge-append")
        .doesNotContain("passbridge.css");
    assertThat(web.get("/account").body())
        .contains("Passkeys are not available right now.")
        .doesNotContain("passbridge.css");
  }

  @Test
  void aVerifiedPasskeyLoginResultLogsTheCustomerIn() throws Exception {
    ShopUser alice = users.byEmail("alice@shop.example").orElseThrow();
    passbridge.stubFor(
        post("/connect/v1/login-results/verify")
            .withRequestBody(equalToJson("{\"loginResult\":\"result-1\"}"))
            .willReturn(
                okJson(
                    "{\"externalUserId\":\""
                        + alice.id()
                        + "\",\"credentialId\":\"Y3JlZA\","
                        + "\"authenticatedAt\":\"2026-01-02T03:04:05Z\",\"amr\":[\"passkey\"]}")));

    HttpResponse<String> login = web.get("/login");
    assertThat(login.body())
        .contains("autocomplete=\"username webauthn\"")
        .containsPattern("<passbridge-login[^>]*client-id=\"shop\"")
        .contains("for=\"username\"");
    assertThat(web.get("/account").statusCode()).isEqualTo(302);

    HttpResponse<String> answer = web.postJson("/login/passkey", "{\"loginResult\":\"result-1\"}");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"redirect\":\"/account\"");
    assertThat(web.get("/account").body()).contains("alice@shop.example");
    passbridge.verify(
        postRequestedFor(urlEqualTo("/connect/v1/login-results/verify"))
            .withBasicAuth(new BasicCredentials("shop", "test-secret-0123456789abcdef")));
  }

  @Test
  void aReplayedOrInvalidLoginResultLogsNobodyIn() throws Exception {
    problem("result-used", 409, "login-result-used");
    problem("forged", 400, "invalid-login-result");
    web.get("/login");

    HttpResponse<String> replay =
        web.postJson("/login/passkey", "{\"loginResult\":\"result-used\"}");
    assertThat(replay.statusCode()).isEqualTo(409);
    assertThat(replay.body()).contains("\"code\":\"login-result-used\"");
    HttpResponse<String> forged = web.postJson("/login/passkey", "{\"loginResult\":\"forged\"}");
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).contains("\"code\":\"invalid-login-result\"");
    HttpResponse<String> empty = web.postJson("/login/passkey", "{}");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(web.get("/account").statusCode()).isEqualTo(302);
  }

  @Test
  void aPasskeyLoginNeedsTheCsrfToken() throws Exception {
    WebClient noToken = new WebClient("http://localhost:" + port);
    assertThat(noToken.postJson("/login/passkey", "{\"loginResult\":\"x\"}").statusCode())
        .isEqualTo(403);
    passbridge.verify(0, postRequestedFor(urlEqualTo("/connect/v1/login-results/verify")));
  }

  @Test
  void thePagesScriptsAreServedAsJavaScript() throws Exception {
    // a module script with another content type is refused by the browser
    for (String script :
        List.of(
            "/js/login.js", "/js/signals.js", "/js/csrf.js", "/js/welcome.js", "/js/account.js")) {
      HttpResponse<String> response = web.get(script);
      assertThat(response.statusCode()).as(script).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow())
          .as(script)
          .contains("javascript");
    }
    assertThat(web.get("/css/shop.css").headers().firstValue("Content-Type").orElseThrow())
        .contains("text/css");
  }

  private void problem(String result, int status, String code) {
    passbridge.stubFor(
        post("/connect/v1/login-results/verify")
            .withRequestBody(equalToJson("{\"loginResult\":\"" + result + "\"}"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"status\":" + status + ",\"code\":\"" + code + "\"}")));
  }

  private HttpResponse<String> passwordStep(String email, String password, boolean autofilled)
      throws Exception {
    web.get("/login");
    HttpResponse<String> response =
        web.postForm(
            "/login",
            Map.of(
                "username",
                email,
                "password",
                password,
                "client-autofilled",
                String.valueOf(autofilled),
                "client-capabilities",
                "{\"conditionalCreate\":"
                    + autofilled
                    + ",\"userVerifyingPlatformAuthenticator\":true}",
                "client-hints",
                "{\"Sec-CH-UA-Platform\":\"\\\"Linux\\\"\"}"));
    assertThat(WebClient.location(response)).isEqualTo("/second-factor");
    web.get("/second-factor");
    return response;
  }

  private String lastCode(String email) {
    return ShopTests.lastCode(mailbox, email);
  }

  private static String wrong(String code) {
    return code.equals("000000") ? "111111" : "000000";
  }
}
