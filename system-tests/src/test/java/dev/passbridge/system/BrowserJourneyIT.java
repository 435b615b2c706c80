package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.testsupport.EventCapture;
import dev.passbridge.testsupport.browser.Accessibility;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The journeys through the real pages in headless Chromium, with a CDP WebAuthn virtual
 * authenticator. Each step a page offers is done on the page, as a user does it: registering,
 * signing in, the SMS code read from the dev SMS inbox page, a wrong code, a new code after the
 * countdown, the upgrade prompt ("Create a passkey" and "Not now"), rename, delete, sign out,
 * insights. Each journey ends with no uncaught error, unhandled rejection or CSP violation in any
 * page it saw. Screenshots of the steps land in {@code target/screenshots/<journey>/}.
 */
class BrowserJourneyIT {
  static final String EMPTY_IDLE =
      "You have no passkeys yet. After a password sign-in we may offer to create one.";

  static String base;
  static EventCapture events;

  @BeforeAll
  static void start() {
    ChromeSession.requireAvailable();
    // a valid RP ID needs a host name, not an IP
    base = PassbridgeSystem.url();
    events =
        EventCapture.of(
            PassbridgeSystem.get().bootstrapServers(),
            Topics.PASSWORD_AUTHENTICATED,
            Topics.PASSKEY_CREATED,
            Topics.PASSKEY_UPGRADE_FAILED,
            Topics.PASSKEY_DELETED,
            Topics.USER_ERASED);
  }

  @AfterAll
  static void stop() {
    events.close();
  }

  @Test
  void registerPasswordOtpPromptPasskeyLoginRenameDeleteAndSignOut() throws Exception {
    try (ChromeSession chrome = ChromeSession.start("journey")) {
      chrome.hideConditionalCreate();
      chrome.addPlatformAuthenticator();
      String username = newUsername("web");
      String password = "passbridge-" + username;

      register(chrome, username, "Web Journey", password);
      chrome.visible(By.id("username")).sendKeys(username);
      chrome.driver.findElement(By.id("password")).sendKeys(password);
      chrome.shot("login");
      chrome.driver.findElement(By.id("submit")).click();

      chrome.wait.until(ExpectedConditions.urlContains("/otp.html"));
      chrome.visible(By.id("code"));
      PasswordAuthenticated login =
          events.await(PasswordAuthenticated.class, e -> e.username().equals(username));
      assertThat(login.client().autofilled()).as("typed password").isFalse();
      chrome.shot("otp");

      String first = readCodeFromDevInbox(chrome, null, true);
      enterCode(chrome, wrongCode(first));
      awaitText(chrome, "error", "That code is not right.");
      assertThat(chrome.visible(By.id("attempts")).getText()).isEqualTo("4 attempts left.");

      // a new code once the countdown is over; the inbox page shows the new one
      assertThat(chrome.driver.findElement(By.id("resend-wait")).getText())
          .matches("|available in 0:0[0-3]");
      chrome.wait.until(ExpectedConditions.elementToBeClickable(By.id("resend"))).click();
      awaitText(chrome, "notice", "We sent you a new code.");
      // the attempts line is empty (a live region: rendered, with nothing to say)
      assertThat(chrome.driver.findElement(By.id("attempts")).getAttribute("textContent"))
          .isEmpty();
      String second = readCodeFromDevInbox(chrome, first, false);
      enterCode(chrome, second);

      // no conditional create here, but a platform authenticator: the explainer with two choices
      chrome.wait.until(ExpectedConditions.urlContains("/dashboard.html"));
      chrome.visible(By.id("upgrade-dialog"));
      assertThat(chrome.driver.findElement(By.id("upgrade-later")).isDisplayed()).isTrue();
      assertThat(chrome.driver.findElement(By.id("no-passkeys")).getAttribute("textContent"))
          .isEqualTo("You have no passkeys yet.");
      chrome.shot("upgrade-prompt");
      chrome.driver.findElement(By.id("upgrade-create")).click();

      PasskeyCreated created =
          events.await(PasskeyCreated.class, e -> e.userId().equals(login.userId()));
      assertThat(created.mode()).isEqualTo(UpgradeMode.PROMPT);
      awaitText(chrome, "notice", "Your passkey is ready. Next time, sign in with it.");
      chrome.visible(By.cssSelector("#passkeys .passkey"));
      String name = chrome.visible(By.cssSelector("#passkeys .passkey-name")).getText();
      String meta = chrome.driver.findElement(By.cssSelector("#passkeys .passkey-meta")).getText();
      assertThat(created.providerName()).isNotBlank();
      assertThat(name + " " + meta).contains(created.providerName());
      assertThat(meta).doesNotStartWith(name).doesNotContain("Unknown");
      assertThat(chrome.driver.findElement(By.id("no-passkeys")).isDisplayed()).isFalse();
      chrome.shot("dashboard-with-passkey");

      chrome.driver.findElement(By.id("logout")).click();
      // back on the login page, conditional UI finds the passkey by itself: no password, no SMS
      chrome.wait.until(ExpectedConditions.urlContains("/dashboard.html"));
      chrome.visible(By.cssSelector("#passkeys .passkey"));
      awaitText(chrome, "welcome", "Welcome, Web Journey");
      chrome.shot("passkey-login");

      // rename on the page; the name is the server's after a reload
      chrome.driver.findElement(By.cssSelector("#passkeys .passkey .rename")).click();
      WebElement field = chrome.visible(By.cssSelector("#passkeys .passkey .rename-input"));
      field.clear();
      field.sendKeys("My laptop");
      chrome
          .driver
          .findElement(By.cssSelector("#passkeys .rename-form button[type=submit]"))
          .click();
      awaitText(chrome, "notice", "Renamed to “My laptop”.");
      chrome.driver.navigate().refresh();
      chrome.wait.until(
          ExpectedConditions.textToBe(By.cssSelector("#passkeys .passkey-name"), "My laptop"));

      chrome.driver.findElement(By.cssSelector("#passkeys .passkey .delete")).click();
      chrome.visible(By.cssSelector("#passkeys-delete-dialog button[value=delete]")).click();
      awaitText(chrome, "notice", "Deleted “My laptop”.");
      awaitText(chrome, "no-passkeys", EMPTY_IDLE);
      events.await(PasskeyDeleted.class, e -> e.credentialId().equals(created.credentialId()));
      chrome.shot("deleted");

      // sign out: nothing left to sign in with by passkey, the login page says so and stays
      chrome.driver.findElement(By.id("logout")).click();
      chrome.wait.until(ExpectedConditions.urlContains("/?signedOut=1"));
      awaitText(chrome, "notice", "You are signed out.");
      assertThat(chrome.pageErrors()).as("page errors and CSP violations").isEmpty();
    }
  }

  @Test
  void notNowKeepsThePasswordAndTheFunnelIsForAdminsOnly() throws Exception {
    try (ChromeSession chrome = ChromeSession.start("not-now")) {
      chrome.hideConditionalCreate();
      chrome.addPlatformAuthenticator();
      String username = newUsername("later");
      String password = "passbridge-" + username;
      register(chrome, username, "Later Journey", password);
      signIn(chrome, username, password);
      PasswordAuthenticated login =
          events.await(PasswordAuthenticated.class, e -> e.username().equals(username));

      chrome.visible(By.id("upgrade-dialog"));
      chrome.driver.findElement(By.id("upgrade-later")).click();
      awaitText(chrome, "no-passkeys", "You have no passkeys yet. Your password keeps working.");
      PasskeyUpgradeFailed dismissed =
          events.await(
              PasskeyUpgradeFailed.class,
              e -> e.userId().equals(login.userId()),
              Duration.ofSeconds(20));
      assertThat(dismissed.errorName()).isEqualTo("Dismissed");
      assertThat(dismissed.mode()).isEqualTo(UpgradeMode.PROMPT);
      chrome.shot("not-now");

      // the Insights link is for admins only; the page itself, opened anyway, says so
      assertThat(chrome.driver.findElements(By.linkText("Insights"))).isEmpty();
      chrome.driver.get(base + "/insights.html");
      awaitText(chrome, "error", "The funnel is for admins only.");
      assertThat(chrome.driver.findElement(By.id("results")).isDisplayed()).isFalse();
      assertThat(chrome.pageErrors()).as("page errors and CSP violations").isEmpty();
    }
  }

  @Test
  void silentCreateThatNeverCompletesIsAbortedAndReported() throws Exception {
    try (ChromeSession chrome = ChromeSession.start("conditional-timeout")) {
      chrome.advertiseConditionalCreate();
      chrome.emulatePasswordManagerAutofill();
      chrome.addPlatformAuthenticator();

      chrome.driver.get(base + "/");
      chrome.visible(By.id("username"));
      chrome.autofill(By.id("username"), "bob");
      chrome.autofill(By.id("password"), "passbridge-bob-1");
      chrome.shot("login-autofilled");
      chrome.driver.findElement(By.id("submit")).click();

      chrome.wait.until(ExpectedConditions.urlContains("/otp.html"));
      PasswordAuthenticated login =
          events.await(PasswordAuthenticated.class, e -> e.username().equals("bob"));
      assertThat(login.client().autofilled()).as("filled like a password manager").isTrue();
      assertThat(login.client().capability("conditionalCreate")).isTrue();
      enterCode(chrome, readCodeFromDevInbox(chrome, null, false));

      // the decision is CONDITIONAL; the create never completes in automation, so the page gives up
      chrome.wait.until(ExpectedConditions.urlContains("/dashboard.html"));
      PasskeyUpgradeFailed failed =
          events.await(
              PasskeyUpgradeFailed.class,
              e -> e.userId().equals(login.userId()),
              Duration.ofSeconds(20));
      assertThat(failed.mode()).isEqualTo(UpgradeMode.CONDITIONAL);
      assertThat(failed.errorName()).isEqualTo("AbortError");
      awaitText(chrome, "no-passkeys", EMPTY_IDLE);
      chrome.shot("dashboard-after-timeout");
      assertThat(chrome.pageErrors()).as("page errors and CSP violations").isEmpty();
    }
  }

  @Test
  void adminSeesTheFunnelChart() throws Exception {
    try (ChromeSession chrome = ChromeSession.start("insights")) {
      adminToInsights(chrome);
      chrome.visible(By.id("results"));
      // the funnel is drawn locally as SVG: one bar per step, and at least this admin's login
      // counted
      assertThat(chrome.driver.findElements(By.cssSelector("#chart rect"))).isNotEmpty();
      assertThat(chrome.visible(By.id("steps-table")).getText()).containsIgnoringCase("password");
      chrome.driver.findElement(By.cssSelector("#range-form button[type=submit]")).click();
      chrome.wait.until(ExpectedConditions.urlContains("?from="));
      chrome.visible(By.id("results"));
      chrome.shot("insights");
      assertThat(chrome.pageErrors()).as("page errors and CSP violations").isEmpty();
    }
  }

  /**
   * An administrator erases another user's account on the accounts page, from the admin pages'
   * links: an unknown name is marked and erases nothing; the user's name (in other capitals) is
   * confirmed in the dialog and erased; the user's session ends at once and {@code UserErased} is
   * on the stream. A user who is no administrator gets the page's refusal and no form.
   */
  @Test
  void anAdministratorErasesAnAccountOnTheAccountsPage() throws Exception {
    Browser someone = new Browser(base, Browser.CHROME_MAC);
    Journeys.User user = Journeys.register(someone);
    Journeys.passwordLogin(someone, user, false, java.util.Map.of());
    assertThat(someone.get("/api/me").status()).isEqualTo(200);

    try (ChromeSession chrome = ChromeSession.start("accounts-not-admin")) {
      chrome.hideConditionalCreate();
      chrome.driver.get(base + "/");
      signIn(chrome, user.username(), user.password());
      chrome.driver.get(base + "/accounts.html");
      chrome.wait.until(
          ExpectedConditions.textToBe(
              By.id("error"), "Erasing accounts is for administrators only."));
      assertThat(chrome.driver.findElement(By.id("erase")).isDisplayed()).isFalse();
      assertThat(chrome.pageErrors()).as("page errors and CSP violations").isEmpty();
    }

    try (ChromeSession chrome = ChromeSession.start("accounts")) {
      adminToInsights(chrome);
      chrome.visible(By.linkText("Erasure")).click();
      chrome.wait.until(ExpectedConditions.urlContains("/accounts.html"));
      WebElement name = chrome.visible(By.id("username"));
      Accessibility.assertNoViolations(chrome.driver, "the accounts page");

      // a name nobody has: marked, nothing erased
      name.sendKeys(newUsername("nobody"));
      chrome.driver.findElement(By.id("erase-open")).click();
      chrome.visible(By.id("erase-dialog"));
      Accessibility.assertNoViolations(chrome.driver, "the erase dialog");
      chrome.driver.findElement(By.id("erase-submit")).click();
      chrome.wait.until(
          ExpectedConditions.textToBe(
              By.id("error"), "No account has this username. Nothing was erased."));
      assertThat(name.getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(chrome.driver.switchTo().activeElement()).isEqualTo(name);

      // the user's name in other capitals: confirmed in the dialog, erased
      name.clear();
      name.sendKeys(user.username().toUpperCase(java.util.Locale.ROOT));
      chrome.driver.findElement(By.id("erase-open")).click();
      assertThat(chrome.visible(By.id("erase-username")).getText())
          .isEqualTo(user.username().toUpperCase(java.util.Locale.ROOT));
      chrome.shot("accounts-confirm");
      chrome.driver.findElement(By.id("erase-submit")).click();
      chrome.wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("notice"),
              // the API client's session and the one the user's browser signed in with above
              "(user id " + user.userId() + "); 2 sessions ended."));
      assertThat(chrome.driver.findElement(By.id("erase-dialog")).isDisplayed()).isFalse();
      assertThat(name.getAttribute("value")).isEmpty();
      assertThat(name.getAttribute("aria-invalid")).isNull();
      events.await(UserErased.class, e -> e.userId().toString().equals(user.userId()));
      assertThat(someone.get("/api/me").status()).as("the user's session").isEqualTo(401);
      chrome.shot("accounts-erased");
      assertThat(chrome.pageErrors()).as("page errors and CSP violations").isEmpty();
    }
  }

  /**
   * A user with a passkey deletes their account on the dashboard, typing their username to confirm:
   * the sign-in page says so, {@code UserErased} is on the stream, the passkey is gone from
   * passkey-service (without a {@code PasskeyDeleted}), the old session cookie no longer works, the
   * password signs nobody in, and the username can be registered again.
   */
  @Test
  void aUserDeletesTheirAccountOnTheDashboard() throws Exception {
    try (ChromeSession chrome = ChromeSession.start("journey-delete-account")) {
      chrome.hideConditionalCreate();
      chrome.addPlatformAuthenticator();
      String username = newUsername("gone");
      String password = "passbridge-" + username;
      register(chrome, username, "Gone Journey", password);
      signIn(chrome, username, password);
      PasswordAuthenticated login =
          events.await(PasswordAuthenticated.class, e -> e.username().equals(username));
      chrome.visible(By.id("upgrade-create")).click();
      PasskeyCreated created =
          events.await(PasskeyCreated.class, e -> e.userId().equals(login.userId()));
      chrome.visible(By.cssSelector("#passkeys .passkey"));
      String session = chrome.driver.manage().getCookieNamed("pb_session").getValue();
      assertThat(me(session)).isEqualTo(200);

      chrome.visible(By.id("delete-account-open")).click();
      WebElement confirm = chrome.visible(By.id("delete-account-confirm"));
      WebElement submit = chrome.driver.findElement(By.id("delete-account-submit"));
      confirm.sendKeys(username + "x");
      assertThat(submit.isEnabled()).as("a wrong username").isFalse();
      confirm.clear();
      confirm.sendKeys(username.toUpperCase(java.util.Locale.ROOT));
      chrome.wait.until(ExpectedConditions.elementToBeClickable(submit));
      Accessibility.assertNoViolations(chrome.driver, "the dashboard's delete-account dialog");
      chrome.shot("delete-account");
      submit.click();

      chrome.wait.until(ExpectedConditions.urlContains("/?deleted=1"));
      awaitText(chrome, "notice", "Your account is deleted.");
      Accessibility.assertNoViolations(chrome.driver, "the sign-in page after a deletion");
      UserErased erased = events.await(UserErased.class, e -> e.userId().equals(login.userId()));
      assertThat(erased.source()).isNull();
      assertThat(me(session)).as("the old session").isEqualTo(401);
      // passkey-service deletes the passkey when it reads the erasure, and says nothing more
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> storedPasskeys(login.userId()) == 0);
      assertThat(events.events(PasskeyDeleted.class))
          .noneMatch(e -> e.credentialId().equals(created.credentialId()));

      // the password signs nobody in; the name is free for a new account
      chrome.visible(By.id("username")).sendKeys(username);
      chrome.driver.findElement(By.id("password")).sendKeys(password);
      chrome.driver.findElement(By.id("submit")).click();
      chrome.wait.until(d -> !d.findElement(By.id("error")).getText().isBlank());
      assertThat(chrome.driver.getCurrentUrl()).doesNotContain("/otp.html");
      register(chrome, username, "Someone Else", password + "-2");
      assertThat(chrome.pageErrors()).as("page errors and CSP violations").isEmpty();
    }
  }

  /** {@code GET /api/me} with a session cookie, as a script outside the browser would send it. */
  /**
   * The demo admin signs in (an upgrade offer, if this login gets one, declined on the page) and
   * follows the dashboard's Insights link, shown once the dashboard knows this user is an admin.
   */
  private static void adminToInsights(ChromeSession chrome) throws IOException {
    chrome.hideConditionalCreate();
    chrome.driver.get(base + "/");
    signIn(chrome, "admin", "passbridge-admin-1");
    try {
      new WebDriverWait(chrome.driver, Duration.ofSeconds(8))
          .until(ExpectedConditions.visibilityOfElementLocated(By.id("upgrade-dialog")));
      chrome.driver.findElement(By.id("upgrade-later")).click();
    } catch (TimeoutException noOffer) {
      // no offer for this login
    }
    chrome.visible(By.linkText("Insights")).click();
    chrome.wait.until(ExpectedConditions.urlContains("/insights.html"));
  }

  private static int me(String session) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/me"))
                .header("Cookie", "pb_session=" + session)
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** The user's passkeys in passkey-service's own store. */
  private static long storedPasskeys(java.util.UUID userId) {
    return PassbridgeSystem.get()
        .context("passkey-service")
        .getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
        .sql("select count(*) from passkey_credential where user_id = ?")
        .param(userId)
        .query(Long.class)
        .single();
  }

  private static String newUsername(String prefix) {
    return prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }

  /** From the login page's link, through the register form, back to the login page. */
  private static void register(
      ChromeSession chrome, String username, String displayName, String password) {
    chrome.driver.get(base + "/");
    chrome.visible(By.linkText("Create a demo account")).click();
    chrome.wait.until(ExpectedConditions.urlContains("/register.html"));
    chrome.visible(By.id("username")).sendKeys(username);
    chrome.driver.findElement(By.id("display-name")).sendKeys(displayName);
    chrome
        .driver
        .findElement(By.id("phone"))
        .sendKeys("+49151" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999)));
    chrome.driver.findElement(By.id("password")).sendKeys(password);
    chrome.driver.findElement(By.id("submit")).click();
    chrome.wait.until(ExpectedConditions.urlContains("/?registered=1"));
    awaitText(chrome, "notice", "Your account is ready. Sign in.");
  }

  /** Typed username and password, the code from the dev inbox page, to the dashboard. */
  private static void signIn(ChromeSession chrome, String username, String password)
      throws IOException {
    chrome.visible(By.id("username")).sendKeys(username);
    chrome.driver.findElement(By.id("password")).sendKeys(password);
    chrome.driver.findElement(By.id("submit")).click();
    chrome.wait.until(ExpectedConditions.urlContains("/otp.html"));
    enterCode(chrome, readCodeFromDevInbox(chrome, null, false));
    chrome.wait.until(ExpectedConditions.urlContains("/dashboard.html"));
    chrome.visible(By.id("welcome"));
  }

  private static void enterCode(ChromeSession chrome, String code) {
    WebElement field = chrome.visible(By.id("code"));
    field.clear();
    field.sendKeys(code);
    chrome.driver.findElement(By.id("submit")).click();
  }

  private static String wrongCode(String code) {
    return code.equals("000000") ? "111111" : "000000";
  }

  private static void awaitText(ChromeSession chrome, String id, String text) {
    chrome.wait.until(ExpectedConditions.textToBe(By.id(id), text));
  }

  /**
   * Follows the OTP page's link to the dev SMS inbox in this tab, waits for a code (other than
   * {@code previous}), and comes back to the OTP page.
   */
  private static String readCodeFromDevInbox(ChromeSession chrome, String previous, boolean shot)
      throws IOException {
    String link = chrome.visible(By.id("dev-inbox-link")).getAttribute("href");
    assertThat(link).contains("/dev-sms.html?loginId=");
    chrome.driver.get(link);
    String code =
        chrome.wait.until(
            d -> {
              String text = d.findElement(By.id("code")).getText();
              if (text.matches("\\d{6}") && !text.equals(previous)) {
                return text;
              }
              if (previous != null) {
                d.navigate().refresh(); // the inbox shows what was there when it was opened
              }
              return null;
            });
    if (shot) {
      chrome.shot("dev-sms-inbox");
    }
    chrome.driver.navigate().back();
    chrome.wait.until(ExpectedConditions.urlContains("/otp.html"));
    return code;
  }
}
