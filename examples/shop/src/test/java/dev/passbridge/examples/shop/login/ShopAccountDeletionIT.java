package dev.passbridge.examples.shop.login;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.passbridge.examples.shop.users.ShopUser;
import dev.passbridge.examples.shop.users.ShopUsers;
import dev.passbridge.testsupport.TestInfrastructure;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Delete my account" over HTTP against a real PostgreSQL, Passbridge's {@code /connect/v1} stood
 * in for by WireMock: Passbridge erases the customer first ({@code DELETE
 * /connect/v1/users/{externalUserId}}, the shop's user id), and only then the shop deletes its row
 * and ends the session; a failing Passbridge, a form without its CSRF token or without the ticked
 * box, and a visitor who is not logged in delete nothing; an erasure Passbridge started but did not
 * finish keeps the account too, and pressing again finishes it. Every other session of the deleted
 * customer (another browser, its own cookies) ends on its next request, with nothing sent to
 * Passbridge. Each test has its own customer.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=shop",
      "shop.dev-mailbox=true",
      "shop.passbridge.client-secret=test-secret-0123456789abcdef"
    })
class ShopAccountDeletionIT {
  static final String PASSWORD = "shop-carol-1";
  static final String DELETED = "Your account is deleted.";
  static final String FAILED =
      "Your account could not be deleted right now. Nothing was changed; please try again.";
  static final String INCOMPLETE =
      "Your account is being deleted, but it did not finish. Please press “Delete my account”"
          + " again.";
  static final String GONE = "Your account was deleted. You are logged out.";
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
  @Autowired PasswordEncoder encoder;
  @Autowired JdbcClient jdbc;

  WebClient web;
  ShopUser carol;

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
    carol =
        users.addIfAbsent(
            "carol-" + UUID.randomUUID() + "@shop.example", "Carol", encoder.encode(PASSWORD));
    web = new WebClient(base());
  }

  @Test
  void theAccountPageOffersTheDeletionAsAFormWithAConfirmationBox() throws Exception {
    logIn(web, carol);
    HttpResponse<String> account = web.get("/account");
    assertThat(account.statusCode()).isEqualTo(200);
    assertThat(account.body())
        .containsPattern(
            "(?s)<form id=\"delete-account-form\" method=\"post\" action=\"/account/delete\">"
                + ".*?<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"")
        .containsPattern(
            "<input id=\"delete-confirm\" name=\"confirm\" type=\"checkbox\" value=\"yes\""
                + " required>")
        .contains("<label for=\"delete-confirm\">")
        .contains(
            "<button id=\"delete-account\" class=\"danger\" type=\"submit\">"
                + "Delete my account</button>")
        .doesNotContain(FAILED)
        .as("no inline style or script (the CSP allows neither)")
        .doesNotContain(" style=")
        .doesNotContainPattern("<script(?![^>]*\\ssrc=)");
    assertThat(web.get("/").body()).doesNotContain(DELETED);
    passbridge.verify(0, deleteRequestedFor(anyUrl()));
  }

  /** 202: Passbridge knew the customer; 204: it kept nothing for them. Both are done. */
  @ParameterizedTest(name = "Passbridge answers {0}")
  @ValueSource(ints = {202, 204})
  void deletingTheAccountErasesItAtPassbridgeThenDeletesItAndLogsOut(int answer) throws Exception {
    passbridge.stubFor(
        delete(urlEqualTo("/connect/v1/users/" + carol.id()))
            .willReturn(aResponse().withStatus(answer)));
    logIn(web, carol);
    web.get("/account");
    assertThat(codes(carol)).as("the login's code is stored").isPositive();

    HttpResponse<String> deleted = web.postForm("/account/delete", Map.of("confirm", "yes"));

    assertThat(deleted.statusCode()).isEqualTo(302);
    assertThat(WebClient.location(deleted)).isEqualTo("/?deleted");
    List<LoggedRequest> erasures = passbridge.findAll(deleteRequestedFor(anyUrl()));
    assertThat(erasures).hasSize(1);
    passbridge.verify(
        1,
        deleteRequestedFor(urlEqualTo("/connect/v1/users/" + carol.id()))
            .withBasicAuth(new BasicCredentials("shop", "test-secret-0123456789abcdef")));
    assertThat(users.byId(carol.id())).as("the shop's row").isEmpty();
    assertThat(codes(carol)).as("the codes go with the row").isZero();

    HttpResponse<String> home = web.get("/?deleted");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body())
        .contains("<p id=\"notice\" class=\"notice\" role=\"status\">" + DELETED + "</p>")
        .as("logged out")
        .doesNotContain("Hello, Carol");
    assertThat(WebClient.location(web.get("/account"))).as("no session left").isEqualTo("/login");
    // the password opens nothing any more
    web.get("/login");
    assertThat(
            WebClient.location(
                web.postForm("/login", Map.of("username", carol.email(), "password", PASSWORD))))
        .isEqualTo("/login?error");
  }

  /**
   * 503: Passbridge could not record the erasure (sent once more, then given up); 401: the client.
   */
  @ParameterizedTest(name = "Passbridge answers {0}")
  @ValueSource(ints = {503, 401})
  void whenPassbridgeFailsTheAccountAndTheSessionStay(int answer) throws Exception {
    String code = answer == 401 ? "invalid-client" : "service-unavailable";
    passbridge.stubFor(
        delete(urlEqualTo("/connect/v1/users/" + carol.id()))
            .willReturn(
                aResponse()
                    .withStatus(answer)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"status\":" + answer + ",\"code\":\"" + code + "\"}")));
    logIn(web, carol);
    web.get("/account");

    HttpResponse<String> failed = web.postForm("/account/delete", Map.of("confirm", "yes"));

    assertThat(WebClient.location(failed)).isEqualTo("/account?deletion=failed");
    passbridge.verify(
        answer == 503 ? 2 : 1, deleteRequestedFor(urlEqualTo("/connect/v1/users/" + carol.id())));
    assertThat(users.byId(carol.id())).as("the shop's row").isPresent();
    HttpResponse<String> account = web.get("/account?deletion=failed");
    assertThat(account.statusCode()).as("the session").isEqualTo(200);
    assertThat(account.body())
        .contains(
            "<p id=\"delete-error\" class=\"error\" role=\"alert\" tabindex=\"-1\">"
                + FAILED
                + "</p>")
        .contains(carol.email());
  }

  /**
   * 503 {@code erasure-incomplete} to the erasure and to its repeat: the erasure has started at
   * Passbridge, so the account page says it did not finish (not that nothing was changed); the
   * shop's row and the session stay, and no {@code manage} token is asked for the id under erasure.
   * Pressing again, Passbridge answering 202, deletes the account.
   */
  @Test
  void anErasureThatDidNotFinishIsFinishedByPressingAgain() throws Exception {
    passbridge.stubFor(
        delete(urlEqualTo("/connect/v1/users/" + carol.id()))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/problem+json")
                    .withHeader("Retry-After", "1")
                    .withBody(
                        "{\"type\":\"https://passbridge.dev/problems/erasure-incomplete\","
                            + "\"status\":503,\"code\":\"erasure-incomplete\",\"detail\":\"The"
                            + " erasure is recorded and under way, but not every step finished."
                            + " Send the same request again to finish it.\"}")));
    logIn(web, carol);
    web.get("/account");
    passbridge.resetRequests();

    HttpResponse<String> incomplete = web.postForm("/account/delete", Map.of("confirm", "yes"));

    assertThat(WebClient.location(incomplete)).isEqualTo("/account?deletion=incomplete");
    passbridge.verify(2, deleteRequestedFor(urlEqualTo("/connect/v1/users/" + carol.id())));
    assertThat(users.byId(carol.id())).as("the shop's row").isPresent();
    HttpResponse<String> account = web.get("/account?deletion=incomplete");
    assertThat(account.statusCode()).as("the session").isEqualTo(200);
    assertThat(account.body())
        .contains(
            "<p id=\"delete-error\" class=\"error\" role=\"alert\" tabindex=\"-1\">"
                + INCOMPLETE
                + "</p>")
        .doesNotContain(FAILED)
        .doesNotContain("Nothing was changed")
        .contains(carol.email())
        .contains(
            "<button id=\"delete-account\" class=\"danger\" type=\"submit\">"
                + "Delete my account</button>");
    passbridge.verify(0, postRequestedFor(urlEqualTo("/connect/v1/tokens")));
    assertThat(web.get("/welcome").statusCode()).as("the session").isEqualTo(200);

    // pressed again: Passbridge finishes the erasure (the newer stub answers first)
    passbridge.resetRequests();
    stubErasure();
    web.get("/account?deletion=incomplete");
    HttpResponse<String> deleted = web.postForm("/account/delete", Map.of("confirm", "yes"));

    assertThat(WebClient.location(deleted)).isEqualTo("/?deleted");
    passbridge.verify(1, deleteRequestedFor(urlEqualTo("/connect/v1/users/" + carol.id())));
    assertThat(users.byId(carol.id())).as("the shop's row").isEmpty();
    assertThat(web.get("/?deleted").body()).contains(DELETED);
    assertThat(WebClient.location(web.get("/account"))).as("no session left").isEqualTo("/login");
  }

  @Test
  void aFormWithoutItsCsrfTokenDeletesNothing() throws Exception {
    stubErasure();
    logIn(web, carol);
    WebClient noPage = web.tab(); // the same session, no page read: no token

    HttpResponse<String> refused = noPage.postForm("/account/delete", Map.of("confirm", "yes"));

    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(WebClient.location(refused)).isEqualTo("/account?stale");
    passbridge.verify(0, deleteRequestedFor(anyUrl()));
    assertThat(users.byId(carol.id())).isPresent();
    assertThat(web.get("/account").statusCode()).as("the session").isEqualTo(200);
  }

  @Test
  void aFormWithoutTheTickedBoxDeletesNothing() throws Exception {
    stubErasure();
    logIn(web, carol);
    web.get("/account");

    HttpResponse<String> unticked = web.postForm("/account/delete", Map.of());
    assertThat(WebClient.location(unticked)).isEqualTo("/account?deletion=unconfirmed");
    web.get("/account");
    HttpResponse<String> other = web.postForm("/account/delete", Map.of("confirm", "on"));
    assertThat(WebClient.location(other)).isEqualTo("/account?deletion=unconfirmed");

    passbridge.verify(0, deleteRequestedFor(anyUrl()));
    assertThat(users.byId(carol.id())).isPresent();
    HttpResponse<String> page = web.get("/account?deletion=unconfirmed");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Tick the box to confirm that your account should be deleted.")
        .containsPattern(
            "<input id=\"delete-confirm\"[^>]* aria-invalid=\"true\""
                + " aria-describedby=\"delete-error\"")
        .doesNotContain(FAILED);
  }

  @Test
  void aVisitorWhoIsNotLoggedInDeletesNothing() throws Exception {
    stubErasure();
    web.get("/login"); // a page with a token: the request gets past the CSRF check

    HttpResponse<String> anonymous = web.postForm("/account/delete", Map.of("confirm", "yes"));
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(WebClient.location(anonymous)).isEqualTo("/login");

    // half-way through a login (the password alone): not open either
    passwordStep(web, carol);
    HttpResponse<String> halfWay = web.postForm("/account/delete", Map.of("confirm", "yes"));
    assertThat(halfWay.statusCode()).isEqualTo(403);

    passbridge.verify(0, deleteRequestedFor(anyUrl()));
    assertThat(users.byId(carol.id())).isPresent();
  }

  /**
   * Carol is logged in in two browsers; browser A deletes the account. Browser B's account page
   * would ask Passbridge for a {@code manage} token for the id it has just erased: instead its
   * session ends and the login page says why.
   */
  @Test
  void anotherBrowsersNextPageEndsItsSessionAndAsksPassbridgeForNothing() throws Exception {
    WebClient other = new WebClient(base());
    logIn(web, carol);
    logIn(other, carol);
    assertThat(other.get("/account").statusCode()).isEqualTo(200);

    deleteInBrowser(web, carol);
    HttpResponse<String> account = other.get("/account");

    assertThat(account.statusCode()).isEqualTo(302);
    assertThat(WebClient.location(account)).isEqualTo("/login?gone");
    passbridge.verify(0, postRequestedFor(urlEqualTo("/connect/v1/tokens")));
    assertThat(passbridge.getAllServeEvents()).as("nothing sent to Passbridge").isEmpty();
    assertThat(other.get("/login?gone").body())
        .contains("<p id=\"notice\" class=\"notice\" role=\"status\">" + GONE + "</p>");
  }

  /** Once ended, browser B's session opens nothing: every page is the login page's. */
  @Test
  void anotherBrowsersSessionIsOverAfterwards() throws Exception {
    WebClient other = new WebClient(base());
    logIn(web, carol);
    logIn(other, carol);

    deleteInBrowser(web, carol);

    assertThat(WebClient.location(other.get("/welcome"))).isEqualTo("/login?gone");
    assertThat(WebClient.location(other.get("/account"))).as("no session").isEqualTo("/login");
    assertThat(WebClient.location(other.get("/welcome"))).isEqualTo("/login");
    assertThat(other.get("/").body()).as("nobody is greeted").doesNotContain("Hello, Carol");
    assertThat(passbridge.getAllServeEvents()).as("nothing sent to Passbridge").isEmpty();
  }

  /**
   * "Delete my account" on the account page browser B read before the deletion, with its then valid
   * CSRF token: nothing is done and Passbridge hears nothing (no second erasure).
   */
  @Test
  void aFormFromAnotherBrowsersSessionDoesNothing() throws Exception {
    WebClient other = new WebClient(base());
    logIn(web, carol);
    logIn(other, carol);
    assertThat(other.get("/account").statusCode()).isEqualTo(200);

    deleteInBrowser(web, carol);
    HttpResponse<String> sent = other.postForm("/account/delete", Map.of("confirm", "yes"));

    assertThat(WebClient.location(sent)).isEqualTo("/login?gone");
    assertThat(passbridge.getAllServeEvents()).as("nothing sent to Passbridge").isEmpty();
  }

  /** "Log out" in browser B after the deletion logs out and says why. */
  @Test
  void logOutInAnotherBrowserSaysTheAccountWasDeleted() throws Exception {
    WebClient other = new WebClient(base());
    logIn(web, carol);
    logIn(other, carol);
    other.get("/account");

    deleteInBrowser(web, carol);

    assertThat(WebClient.location(other.postForm("/logout", Map.of()))).isEqualTo("/login?gone");
  }

  /**
   * The login page's passkey login (a script's request) from browser B's session: a problem whose
   * detail the page shows, and the login result is not sent to Passbridge.
   */
  @Test
  void aPasskeyLoginFromAnotherBrowsersSessionIsAnsweredWithAProblem() throws Exception {
    WebClient other = new WebClient(base());
    logIn(web, carol);
    logIn(other, carol);
    assertThat(other.get("/login").statusCode()).isEqualTo(200); // its token in the page's meta

    deleteInBrowser(web, carol);
    HttpResponse<String> passkey = other.postJson("/login/passkey", "{\"loginResult\":\"lr-1\"}");

    assertThat(passkey.statusCode()).isEqualTo(401);
    assertThat(passkey.body()).contains("\"code\":\"account-deleted\"").contains(GONE);
    assertThat(passbridge.getAllServeEvents()).as("nothing sent to Passbridge").isEmpty();
    assertThat(WebClient.location(other.get("/account"))).as("no session").isEqualTo("/login");
  }

  /**
   * Browser B is half-way through a login (the password alone) when browser A deletes the account:
   * its code page ends the session.
   */
  @Test
  void aLoginHalfWayInAnotherBrowserEndsToo() throws Exception {
    WebClient other = new WebClient(base());
    logIn(web, carol);
    passwordStep(other, carol);

    deleteInBrowser(web, carol);

    assertThat(WebClient.location(other.get("/second-factor"))).isEqualTo("/login?gone");
    assertThat(WebClient.location(other.get("/second-factor")))
        .as("no session")
        .isEqualTo("/login");
  }

  /** ... and its code, sent from the code page read before, completes nothing. */
  @Test
  void aCodeSentHalfWayInAnotherBrowserCompletesNothing() throws Exception {
    WebClient other = new WebClient(base());
    logIn(web, carol);
    passwordStep(other, carol);
    String code = ShopTests.lastCode(mailbox, carol.email());

    deleteInBrowser(web, carol);

    assertThat(WebClient.location(other.postForm("/second-factor", Map.of("code", code))))
        .isEqualTo("/login?gone");
  }

  /** Another customer, logged in while Carol's account is deleted, goes on as before. */
  @Test
  void aCustomerWhoIsNotDeletedIsUnaffected() throws Exception {
    ShopUser dave =
        users.addIfAbsent(
            "dave-" + UUID.randomUUID() + "@shop.example", "Dave", encoder.encode(PASSWORD));
    WebClient davesBrowser = new WebClient(base());
    logIn(web, carol);
    logIn(davesBrowser, dave);

    deleteInBrowser(web, carol);

    HttpResponse<String> account = davesBrowser.get("/account");
    assertThat(account.statusCode()).isEqualTo(200);
    assertThat(account.body()).contains(dave.email());
    passbridge.verify(
        1,
        postRequestedFor(urlEqualTo("/connect/v1/tokens"))
            .withRequestBody(
                equalToJson("{\"externalUserId\":\"" + dave.id() + "\",\"scope\":\"manage\"}")));
    assertThat(
            WebClient.location(davesBrowser.postForm("/account/delete", Map.of("confirm", "no"))))
        .as("a form of his still gets through")
        .isEqualTo("/account?deletion=unconfirmed");
    assertThat(davesBrowser.get("/welcome").statusCode()).isEqualTo(200);
    assertThat(users.byId(dave.id())).isPresent();
  }

  /**
   * "Delete my account" in {@code browser}, Passbridge answering 202; then Passbridge's request log
   * is emptied, so that a test sees what is sent after the deletion.
   */
  private void deleteInBrowser(WebClient browser, ShopUser user) throws Exception {
    stubErasure();
    browser.get("/account");
    assertThat(WebClient.location(browser.postForm("/account/delete", Map.of("confirm", "yes"))))
        .isEqualTo("/?deleted");
    passbridge.verify(1, deleteRequestedFor(urlEqualTo("/connect/v1/users/" + user.id())));
    assertThat(users.byId(user.id())).isEmpty();
    passbridge.resetRequests();
  }

  private String base() {
    return "http://localhost:" + port;
  }

  private void stubErasure() {
    passbridge.stubFor(delete(anyUrl()).willReturn(aResponse().withStatus(202)));
  }

  private int codes(ShopUser user) {
    return jdbc.sql("SELECT count(*) FROM second_factor_code WHERE user_id = :id")
        .param("id", user.id())
        .query(Integer.class)
        .single();
  }

  private void logIn(WebClient client, ShopUser user) throws Exception {
    passwordStep(client, user);
    assertThat(
            WebClient.location(
                client.postForm(
                    "/second-factor", Map.of("code", ShopTests.lastCode(mailbox, user.email())))))
        .isEqualTo("/welcome");
  }

  private void passwordStep(WebClient client, ShopUser user) throws Exception {
    client.get("/login");
    HttpResponse<String> response =
        client.postForm("/login", Map.of("username", user.email(), "password", PASSWORD));
    assertThat(WebClient.location(response)).isEqualTo("/second-factor");
    assertThat(client.get("/second-factor").statusCode()).isEqualTo(200);
  }
}
