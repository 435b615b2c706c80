package dev.passbridge.examples.shop.login;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.passbridge.examples.shop.users.ShopUser;
import dev.passbridge.examples.shop.users.ShopUsers;
import dev.passbridge.testsupport.TestInfrastructure;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Many tabs, one session: a form sent from a page whose session changed in another tab (a new
 * login, a logout, an ended session) carries a CSRF token the session no longer has. The shop
 * answers it with the page that fits where the session stands now and a short message, never
 * Spring's bare 403; a logout from such a page logs out all the same (README "Stale pages"). Every
 * other error a browser meets is the shop's own error page, not the Whitelabel one.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=shop",
      "shop.demo-users=true",
      "shop.dev-mailbox=true",
      "shop.passbridge.client-secret=test-secret-0123456789abcdef"
    })
class ShopStalePagesIT {
  static final String STALE = "This page was out of date";
  static final WireMockServer passbridge = new WireMockServer(options().dynamicPort());

  static {
    passbridge.start();
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerPostgres(registry, "shop");
    registry.add("shop.passbridge.url", passbridge::baseUrl);
  }

  @LocalServerPort int port;
  @Autowired DevMailbox mailbox;
  @Autowired ShopUsers users;

  WebClient tabA;

  @AfterAll
  static void stopStub() {
    passbridge.stop();
  }

  @BeforeEach
  void setUp() {
    passbridge.resetAll();
    ShopTests.acceptsLoginReports(passbridge);
    tabA = new WebClient("http://localhost:" + port);
  }

  /**
   * The account page open in tab A; tab B logs out and logs in again (a new session with a new
   * token): A's "Log out" still logs out, the session B started included, as asked.
   */
  @Test
  void logOutFromAStaleAccountPageLogsOutAllTheSame() throws Exception {
    logIn(tabA, "alice@shop.example", "shop-alice-1");
    assertThat(tabA.get("/account").statusCode()).isEqualTo(200);

    WebClient tabB = tabA.tab();
    assertThat(tabB.get("/account").statusCode()).isEqualTo(200);
    assertThat(WebClient.location(tabB.postForm("/logout", Map.of()))).isEqualTo("/login?logout");
    logIn(tabB, "alice@shop.example", "shop-alice-1");
    assertThat(tabB.get("/account").statusCode()).isEqualTo(200);

    // tab A's page still has the token of the first session
    HttpResponse<String> logout = tabA.postForm("/logout", Map.of());
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(WebClient.location(logout)).isEqualTo("/login?logout");
    assertThat(tabA.get("/login?logout").body()).contains("You are logged out.");
    assertThat(WebClient.location(tabB.get("/account")))
        .as("no session is left behind")
        .isEqualTo("/login");
  }

  /** The account page of a session that ended in another tab: its "Log out" says logged out. */
  @Test
  void logOutAfterTheSessionEndedElsewhereLandsOnTheLoginPage() throws Exception {
    logIn(tabA, "bob@shop.example", "shop-bob-1");
    tabA.get("/account");
    WebClient tabB = tabA.tab();
    tabB.get("/account");
    tabB.postForm("/logout", Map.of());

    HttpResponse<String> logout = tabA.postForm("/logout", Map.of());
    assertThat(WebClient.location(logout)).isEqualTo("/login?logout");
    assertThat(WebClient.location(tabA.get("/account"))).isEqualTo("/login");
  }

  /**
   * The decision written down in the README: a logout needs no CSRF token (a forged one can only
   * log the customer out, and the SameSite=Lax session cookie does not go with a cross-site POST).
   */
  @Test
  void aLogoutWithoutAnyTokenEndsTheSession() throws Exception {
    logIn(tabA, "bob@shop.example", "shop-bob-1");
    assertThat(tabA.get("/account").statusCode()).isEqualTo(200);

    WebClient noPage = tabA.tab(); // the same session cookie, no page read: no token at all
    assertThat(WebClient.location(noPage.postForm("/logout", Map.of()))).isEqualTo("/login?logout");
    assertThat(WebClient.location(tabA.get("/account"))).isEqualTo("/login");
  }

  /**
   * Two tabs reach the code page for the same customer; the second login supersedes the first. The
   * first tab's code goes back to the code page (the second login's), which says why.
   */
  @Test
  void aCodeFromASupersededCodePageGoesBackToTheCodePage() throws Exception {
    passwordStep(tabA, "alice@shop.example", "shop-alice-1");
    String first = lastCode("alice@shop.example");

    WebClient tabB = tabA.tab();
    passwordStep(tabB, "alice@shop.example", "shop-alice-1");

    HttpResponse<String> stale = tabA.postForm("/second-factor", Map.of("code", first));
    assertThat(stale.statusCode()).isEqualTo(302);
    assertThat(WebClient.location(stale)).isEqualTo("/second-factor?stale");
    HttpResponse<String> page = tabA.get("/second-factor?stale");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(STALE).contains("the newest e-mail");

    // the login goes on: the second login's code, from either tab, completes it
    assertThat(
            WebClient.location(
                tabA.postForm("/second-factor", Map.of("code", lastCode("alice@shop.example")))))
        .isEqualTo("/welcome");
    assertThat(tabA.get("/account").statusCode()).isEqualTo(200);
  }

  /**
   * The code page in tab A; tab B logs in anew, password and code: A's code goes to the account.
   */
  @Test
  void aStaleFormOfALoggedInCustomerGoesToTheAccountPage() throws Exception {
    passwordStep(tabA, "bob@shop.example", "shop-bob-1");
    String code = lastCode("bob@shop.example");
    WebClient tabB = tabA.tab();
    logIn(tabB, "bob@shop.example", "shop-bob-1");

    HttpResponse<String> stale = tabA.postForm("/second-factor", Map.of("code", code));
    assertThat(WebClient.location(stale)).isEqualTo("/account?stale");
    HttpResponse<String> page = tabA.get("/account?stale");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(STALE).contains("You are logged in.");
  }

  /**
   * One password, the code page in both tabs; tab B enters the code (the login completes with a new
   * token): A's form is stale and goes to the account page, not to Spring's 403 for a code page the
   * full login no longer opens.
   */
  @Test
  void aCodePageOfALoginCompletedInAnotherTabIsStale() throws Exception {
    passwordStep(tabA, "alice@shop.example", "shop-alice-1");
    WebClient tabB = tabA.tab();
    assertThat(tabB.get("/second-factor").statusCode()).isEqualTo(200);
    assertThat(
            WebClient.location(
                tabB.postForm("/second-factor", Map.of("code", lastCode("alice@shop.example")))))
        .isEqualTo("/welcome");

    HttpResponse<String> stale = tabA.postForm("/second-factor", Map.of("code", "000000"));
    assertThat(stale.statusCode()).isEqualTo(302);
    assertThat(WebClient.location(stale)).isEqualTo("/account?stale");
    HttpResponse<String> page = tabA.get("/account?stale");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(STALE).contains("You are logged in.");
  }

  /**
   * The login page in both tabs; tab B logs in with a passkey (a new token): A's password form,
   * rendered before, is stale. It does nothing: B's login stays complete (it is not dropped back to
   * the code page) and no code is e-mailed.
   */
  @Test
  void aLoginFormFromBeforeAPasskeyLoginInAnotherTabIsStale() throws Exception {
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
    tabA.get("/login");
    WebClient tabB = tabA.tab();
    tabB.get("/login");
    HttpResponse<String> passkey =
        tabB.postJson("/login/passkey", "{\"loginResult\":\"result-1\"}");
    assertThat(passkey.statusCode()).isEqualTo(200);
    int mails = mailbox.inbox("alice@shop.example").size();

    HttpResponse<String> stale =
        tabA.postForm(
            "/login", Map.of("username", "alice@shop.example", "password", "shop-alice-1"));
    assertThat(stale.statusCode()).isEqualTo(302);
    assertThat(WebClient.location(stale)).isEqualTo("/account?stale");
    assertThat(tabB.get("/account").statusCode()).as("B's login is as it was").isEqualTo(200);
    assertThat(mailbox.inbox("alice@shop.example")).as("no code e-mailed").hasSize(mails);
  }

  /** The login page of a session that was logged out in another tab: back to the login page. */
  @Test
  void aLoginFormOfAnEndedSessionGoesBackToTheLoginPage() throws Exception {
    logIn(tabA, "alice@shop.example", "shop-alice-1");
    tabA.get("/login");
    WebClient tabB = tabA.tab();
    tabB.get("/account");
    tabB.postForm("/logout", Map.of());

    HttpResponse<String> stale =
        tabA.postForm("/login", Map.of("username", "alice@shop.example", "password", "x"));
    assertThat(stale.statusCode()).isEqualTo(302);
    assertThat(WebClient.location(stale)).isEqualTo("/login?stale");
    HttpResponse<String> page = tabA.get("/login?stale");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(STALE + " (you logged in or out in another tab, or your session ended).");
    assertThat(WebClient.location(tabA.get("/account"))).isEqualTo("/login");
  }

  /**
   * The login page's passkey login is a script's request: it gets a problem whose detail the page
   * shows (login.js shows a problem's detail), not a redirect to a page.
   */
  @Test
  void aStalePasskeyLoginAnswersAProblemThePageCanShow() throws Exception {
    tabA.get("/login");
    WebClient tabB = tabA.tab();
    passwordStep(tabB, "bob@shop.example", "shop-bob-1");

    HttpResponse<String> stale = tabA.postJson("/login/passkey", "{\"loginResult\":\"r\"}");
    assertThat(stale.statusCode()).isEqualTo(403);
    assertThat(stale.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(stale.body())
        .contains("\"code\":\"stale-page\"")
        .contains("\"detail\":\"" + STALE)
        .contains("Reload the page");
    passbridge.verify(0, postRequestedFor(urlEqualTo("/connect/v1/login-results/verify")));
  }

  /** The errors a browser can meet in normal use are the shop's pages, not Spring's Whitelabel. */
  @Test
  void errorsAreTheShopsOwnPages() throws Exception {
    HttpResponse<String> method = tabA.get("/login/passkey");
    assertThat(method.statusCode()).isEqualTo(405);
    assertThat(method.body())
        .doesNotContain("Whitelabel")
        .contains("Example Shop")
        .as("the first page of a session: its id stays in the cookie, not in the links")
        .doesNotContain(";jsessionid");

    logIn(tabA, "alice@shop.example", "shop-alice-1");
    HttpResponse<String> missing = tabA.get("/no-such-page");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).contains("text/html");
    assertThat(missing.body())
        .doesNotContain("Whitelabel")
        .contains("Example Shop")
        .contains("There is no page at this address.");

    // the password alone opens nothing but the code page
    WebClient other = new WebClient("http://localhost:" + port);
    passwordStep(other, "bob@shop.example", "shop-bob-1");
    HttpResponse<String> closed = other.get("/account");
    assertThat(closed.statusCode()).isEqualTo(403);
    assertThat(closed.headers().firstValue("Content-Type").orElseThrow()).contains("text/html");
    assertThat(closed.body())
        .doesNotContain("Whitelabel")
        .contains("This page is not open to you")
        .contains("href=\"/second-factor\"");
  }

  private void logIn(WebClient web, String email, String password) throws Exception {
    passwordStep(web, email, password);
    assertThat(WebClient.location(web.postForm("/second-factor", Map.of("code", lastCode(email)))))
        .isEqualTo("/welcome");
  }

  private void passwordStep(WebClient web, String email, String password) throws Exception {
    web.get("/login");
    HttpResponse<String> response =
        web.postForm("/login", Map.of("username", email, "password", password));
    assertThat(WebClient.location(response)).isEqualTo("/second-factor");
    assertThat(web.get("/second-factor").statusCode()).isEqualTo(200);
  }

  private String lastCode(String email) {
    return ShopTests.lastCode(mailbox, email);
  }
}
