package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyAuthenticated;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.examples.shop.users.ShopUsers;
import dev.passbridge.testsupport.EventCapture;
import dev.passbridge.testsupport.browser.Accessibility;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Connect mode end to end, on the example shop's pages (a platform with its own users, password
 * login, second factor and session, started by the launcher beside Passbridge) in headless Chromium
 * with a CDP virtual authenticator: the shop's password login and e-mailed code, the shop's backend
 * reporting the login ({@code POST /connect/v1/logins}), the SDK's {@code <passbridge-append>}
 * creating a passkey (PROMPT) or giving up on a silent create (CONDITIONAL, up to its timeout), the
 * shop's logout, a passkey login with {@code <passbridge-login>} whose result the shop's backend
 * verifies ({@code /connect/v1/login-results/verify}) before its own session starts, and the shop's
 * account page listing and deleting the passkey with {@code <passbridge-passkey-list>}. Each
 * journey ends with no uncaught error, unhandled rejection or CSP violation on any page it saw (the
 * shop's CSP allows scripts only from itself and Passbridge); the shop's login page, its code page
 * after a wrong code, the welcome page's prompt and the account page's list pass axe-core's WCAG
 * A/AA rules ({@link Accessibility}). Screenshots land in {@code target/screenshots/connect-*}.
 */
class ConnectShopJourneyIT {
  static final String APPENDED = "Your passkey is ready. Next time, log in with it.";

  static String shop;
  static String passbridge;
  static EventCapture events;

  @BeforeAll
  static void start() {
    ChromeSession.requireAvailable();
    passbridge = PassbridgeSystem.url();
    shop = PassbridgeSystem.get().shopUrl().orElseThrow();
    events =
        EventCapture.of(
            PassbridgeSystem.get().bootstrapServers(),
            Topics.PASSWORD_AUTHENTICATED,
            Topics.PASSKEY_CREATED,
            Topics.PASSKEY_UPGRADE_FAILED,
            Topics.PASSKEY_AUTHENTICATED,
            Topics.PASSKEY_DELETED,
            Topics.USER_ERASED);
  }

  @AfterAll
  static void stop() {
    if (events != null) {
      events.close();
    }
  }

  @Test
  void shopLoginPromptAppendPasskeyLoginListAndDelete() throws Exception {
    try (ChromeSession chrome = ChromeSession.start("connect-shop")) {
      // no conditional create, a platform authenticator: intelligence answers PROMPT
      chrome.hideConditionalCreate();
      chrome.addPlatformAuthenticator();

      // Passbridge's own login first: it loads the SDK's files same-origin (no Origin), and the
      // browser's cache must not hand those answers to the shop's cross-origin loads (they lacked
      // Vary: Origin, and the shop's page lost every passkey feature)
      chrome.driver.get(passbridge + "/");
      chrome.visible(By.id("username"));
      chrome.wait.until(
          d ->
              Boolean.TRUE.equals(
                  chrome.driver.executeScript(
                      "return performance.getEntriesByType('resource')"
                          + ".some(e => e.name.includes('/sdk/v1/'))")));

      chrome.driver.get(shop + "/login");
      WebElement username = chrome.visible(By.id("username"));
      assertThat(username.getAttribute("autocomplete")).isEqualTo("username webauthn");
      Accessibility.assertNoViolations(chrome.driver, "the shop's login page");
      // a wrong password first: the shop says so and keeps the e-mail address typed
      username.sendKeys("alice@shop.example");
      chrome.driver.findElement(By.id("password")).sendKeys("not-her-password");
      chrome.driver.findElement(By.id("submit")).click();
      chrome.wait.until(ExpectedConditions.urlContains("/login?error"));
      assertThat(chrome.visible(By.id("error")).getText()).contains("do not match");
      username = chrome.visible(By.id("username"));
      assertThat(username.getAttribute("value")).isEqualTo("alice@shop.example");
      assertThat(chrome.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("password");
      // both fields are marked and described by the error
      for (String id : List.of("username", "password")) {
        WebElement field = chrome.driver.findElement(By.id(id));
        assertThat(field.getAttribute("aria-invalid")).as(id).isEqualTo("true");
        assertThat(describedBy(field)).as(id).contains("error");
      }
      Accessibility.assertNoViolations(
          chrome.driver, "the shop's login page after a wrong password");
      chrome.driver.findElement(By.id("password")).sendKeys("shop-alice-1");
      chrome.shot("shop-login");
      chrome.driver.findElement(By.id("submit")).click();

      // the shop's own second factor: the code from the shop's dev mailbox, a wrong one first
      chrome.wait.until(ExpectedConditions.urlContains("/second-factor"));
      String code = readCodeFromShopMailbox(chrome, true);
      enterCode(chrome, code.equals("000000") ? "111111" : "000000");
      // the page comes back with the error: the focus on the field, which is marked and described
      // by it (an alert present at load is not reliably announced; the field's description is)
      chrome.wait.until(ExpectedConditions.textToBe(By.id("error"), "That code is not right."));
      chrome.wait.until(
          d -> "complete".equals(chrome.driver.executeScript("return document.readyState;")));
      WebElement focused = chrome.driver.switchTo().activeElement();
      assertThat(focused.getAttribute("id")).isEqualTo("code");
      assertThat(focused.getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(describedBy(focused)).contains("error");
      Accessibility.assertNoViolations(chrome.driver, "the shop's code page after a wrong code");
      enterCode(chrome, code);

      // the shop's backend reported the completed login: Passbridge's usual login events follow
      chrome.wait.until(ExpectedConditions.urlContains("/welcome"));
      PasswordAuthenticated login =
          events.await(PasswordAuthenticated.class, e -> e.username().equals("alice@shop.example"));
      assertThat(login.client().autofilled()).as("typed password").isFalse();
      assertThat(login.client().capability("userVerifyingPlatformAuthenticator")).isTrue();
      chrome.shot("welcome-prompt");

      // the SDK's prompt on the shop's page
      WebElement add = buttonIn(chrome, "passbridge-append", "Add a passkey");
      Accessibility.assertNoViolations(chrome.driver, "the shop's welcome page with the prompt");
      add.click();
      PasskeyCreated created =
          events.await(PasskeyCreated.class, e -> e.userId().equals(login.userId()));
      assertThat(created.mode()).isEqualTo(UpgradeMode.PROMPT);
      chrome.wait.until(ExpectedConditions.textToBe(By.id("notice"), APPENDED));
      // the prompt opened by itself (nothing had focus): closed, the focus is on the page's
      // heading, not left on the body
      assertThat(chrome.driver.executeScript("return document.activeElement.id"))
          .isEqualTo("welcome");
      // said once, in the shop's words: the element's own message stays off
      assertThat(chrome.driver.findElement(By.tagName("passbridge-append")).getText())
          .doesNotContain("passkey is ready");
      chrome.shot("appended");

      // the account page: the SDK lists the passkey with a manage token from the shop's backend
      chrome.driver.findElement(By.id("account-link")).click();
      chrome.wait.until(ExpectedConditions.urlContains("/account"));
      awaitTextIn(chrome, "passbridge-passkey-list", created.providerName());
      // a listed passkey, not only its provider's name somewhere: its row offers a delete
      assertThat(buttonIn(chrome, "passbridge-passkey-list", "Delete")).isNotNull();
      Accessibility.assertNoViolations(chrome.driver, "the shop's account page listing a passkey");
      // the SDK's stylesheet came with the page (in its head, before the list rendered), so the
      // SDK did not link a second one after it
      assertThat(
              chrome.driver.executeScript(
                  "return [...document.querySelectorAll('link[rel=stylesheet]')]"
                      + ".filter((l) => l.href.endsWith('/sdk/v1/passbridge.css'))"
                      + ".map((l) => l.parentElement.localName + (l.dataset.passbridge || ''));"))
          .isEqualTo(List.of("head"));
      String externalUserId = shopUserId("alice@shop.example");
      assertThat(serverPasskeys(externalUserId)).contains(created.credentialId());
      chrome.shot("account-with-passkey");

      // the shop's logout, then a passkey login on the shop's login page
      logOut(chrome);
      passkeyLogin(chrome);
      chrome.wait.until(ExpectedConditions.urlContains("/account"));
      assertThat(chrome.visible(By.id("email")).getText()).isEqualTo("alice@shop.example");
      PasskeyAuthenticated authenticated =
          events.await(
              PasskeyAuthenticated.class,
              e -> e.credentialId().equals(created.credentialId()),
              Duration.ofSeconds(20));
      assertThat(authenticated.userId()).isEqualTo(login.userId());
      chrome.shot("passkey-login");

      // a blank name is refused: the reason in the shop's alert, not in its status line
      awaitTextIn(chrome, "passbridge-passkey-list", created.providerName());
      clickButtonIn(chrome, "passbridge-passkey-list", "Rename");
      WebElement rename = chrome.visible(By.cssSelector("passbridge-passkey-list .rename-input"));
      rename.clear();
      rename.sendKeys("   ");
      clickButtonIn(chrome, "passbridge-passkey-list", "Save");
      chrome.wait.until(
          ExpectedConditions.textToBe(By.id("error"), "A name needs 1 to 64 characters."));
      assertThat(chrome.driver.findElement(By.id("notice")).getText()).isEmpty();
      clickButtonIn(chrome, "passbridge-passkey-list", "Cancel");

      // delete the passkey through the SDK on the shop's account page
      clickButtonIn(chrome, "passbridge-passkey-list", "Delete");
      confirmIfAsked(chrome, "passbridge-passkey-list", "Delete");
      events.await(PasskeyDeleted.class, e -> e.credentialId().equals(created.credentialId()));
      chrome.wait.until(ExpectedConditions.textToBe(By.id("notice"), "Passkey deleted."));
      assertThat(chrome.driver.findElement(By.id("error")).getText()).isEmpty();
      assertThat(chrome.driver.findElement(By.tagName("passbridge-passkey-list")).getText())
          .doesNotContain("Deleted");
      // the deleted passkey's buttons went with it: the focus is on the list's heading
      assertThat(chrome.driver.switchTo().activeElement().getAttribute("id"))
          .isEqualTo("passkeys-heading");
      assertThat(serverPasskeys(externalUserId)).doesNotContain(created.credentialId());
      chrome.shot("deleted");

      chrome.driver.findElement(By.id("logout")).click();
      chrome.wait.until(ExpectedConditions.urlContains("/login?logout"));
      assertThat(chrome.pageErrors()).as("page errors and CSP violations").isEmpty();
    }
  }

  /**
   * A customer with a passkey deletes their shop account on the account page: the shop erases them
   * at Passbridge first ({@code DELETE /connect/v1/users/{id}}), then deletes its own account and
   * logs them out. Passbridge forgets them: {@code UserErased}, no passkey left on the server API
   * (and no {@code PasskeyDeleted} for it), the passkey on the device no longer logs in.
   */
  @Test
  void aCustomerDeletesTheirAccountAndPassbridgeErasesThem() throws Exception {
    String email = "erase-" + System.nanoTime() + "@shop.example";
    var context = PassbridgeSystem.get().context("shop");
    context
        .getBean(ShopUsers.class)
        .addIfAbsent(email, "Eve", context.getBean(PasswordEncoder.class).encode("shop-eve-1"));
    String externalUserId = shopUserId(email);
    try (ChromeSession chrome = ChromeSession.start("connect-shop-erase")) {
      chrome.hideConditionalCreate();
      chrome.addPlatformAuthenticator();
      chrome.driver.get(shop + "/login");
      chrome.visible(By.id("username")).sendKeys(email);
      chrome.driver.findElement(By.id("password")).sendKeys("shop-eve-1");
      chrome.driver.findElement(By.id("submit")).click();
      chrome.wait.until(ExpectedConditions.urlContains("/second-factor"));
      enterCode(chrome, readCodeFromShopMailbox(chrome, false));
      chrome.wait.until(ExpectedConditions.urlContains("/welcome"));
      PasswordAuthenticated login =
          events.await(PasswordAuthenticated.class, e -> e.username().equals(email));
      buttonIn(chrome, "passbridge-append", "Add a passkey").click();
      PasskeyCreated created =
          events.await(PasskeyCreated.class, e -> e.userId().equals(login.userId()));
      chrome.wait.until(ExpectedConditions.textToBe(By.id("notice"), APPENDED));

      chrome.driver.findElement(By.id("account-link")).click();
      chrome.wait.until(ExpectedConditions.urlContains("/account"));
      awaitTextIn(chrome, "passbridge-passkey-list", created.providerName());
      assertThat(serverPasskeys(externalUserId)).contains(created.credentialId());
      // the box first: without it the form is not sent (and the shop would refuse it)
      chrome.visible(By.id("delete-confirm")).click();
      Accessibility.assertNoViolations(chrome.driver, "the shop's account page, deleting");
      chrome.shot("erase-confirm");
      chrome.driver.findElement(By.id("delete-account")).click();

      chrome.wait.until(ExpectedConditions.urlContains("/?deleted"));
      chrome.wait.until(ExpectedConditions.textToBe(By.id("notice"), "Your account is deleted."));
      Accessibility.assertNoViolations(chrome.driver, "the shop's home page after a deletion");
      UserErased erased = events.await(UserErased.class, e -> e.userId().equals(login.userId()));
      assertThat(erased.clientId()).isEqualTo("shop");
      assertThat(context.getBean(ShopUsers.class).byEmail(email)).isEmpty();
      // passkey-service deletes the passkeys when it reads the erasure: within seconds
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(serverPasskeys(externalUserId)).isEqualTo("[]"));
      assertThat(events.events(PasskeyDeleted.class))
          .noneMatch(e -> e.credentialId().equals(created.credentialId()));

      // the passkey is still on the device; it no longer logs anyone in
      chrome.driver.get(shop + "/login");
      chrome.visible(By.id("username"));
      clickButtonIn(chrome, "passbridge-login", "Log in with a passkey");
      chrome.wait.until(d -> !chrome.driver.findElement(By.id("error")).getText().isBlank());
      assertThat(chrome.driver.getCurrentUrl()).contains("/login");
      chrome.shot("erased-passkey-refused");
      assertThat(chrome.pageErrors()).as("page errors and CSP violations").isEmpty();
    }
  }

  @Test
  void silentCreateOnTheShopPageTimesOutAndIsReported() throws Exception {
    try (ChromeSession chrome = ChromeSession.start("connect-shop-conditional")) {
      // a password manager filled the form and the browser advertises conditional create:
      // intelligence answers CONDITIONAL, which never completes in automation
      chrome.advertiseConditionalCreate();
      chrome.emulatePasswordManagerAutofill();
      chrome.addPlatformAuthenticator();

      chrome.driver.get(shop + "/login");
      chrome.visible(By.id("username"));
      chrome.autofill(By.id("username"), "bob@shop.example");
      chrome.autofill(By.id("password"), "shop-bob-1");
      chrome.driver.findElement(By.id("submit")).click();
      chrome.wait.until(ExpectedConditions.urlContains("/second-factor"));
      pasteCode(chrome, readCodeFromShopMailbox(chrome, false));

      chrome.wait.until(ExpectedConditions.urlContains("/welcome"));
      PasswordAuthenticated login =
          events.await(PasswordAuthenticated.class, e -> e.username().equals("bob@shop.example"));
      assertThat(login.client().autofilled()).as("filled like a password manager").isTrue();
      assertThat(login.client().capability("conditionalCreate")).isTrue();
      PasskeyUpgradeFailed failed =
          events.await(
              PasskeyUpgradeFailed.class,
              e -> e.userId().equals(login.userId()),
              Duration.ofSeconds(30));
      assertThat(failed.mode()).isEqualTo(UpgradeMode.CONDITIONAL);
      assertThat(failed.errorName()).isEqualTo("AbortError");
      chrome.shot("welcome-after-timeout");
      // a silent create that gave up shows nothing: no prompt instead
      assertThat(
              chrome.driver.executeScript(
                  "const el = document.querySelector('passbridge-append');"
                      + " return el ? [...el.querySelectorAll('button')]"
                      + "  .filter((b) => b.offsetParent !== null).length : 0;"))
          .isEqualTo(0L);
      // the shop's session is untouched by it
      chrome.driver.findElement(By.id("account-link")).click();
      chrome.wait.until(ExpectedConditions.urlContains("/account"));
      assertThat(chrome.visible(By.id("email")).getText()).isEqualTo("bob@shop.example");
      assertThat(chrome.pageErrors()).as("page errors and CSP violations").isEmpty();
    }
  }

  /**
   * The account page's "Log out" (a form POST to the shop, redirected to {@code /login?logout}). In
   * CI (once on 2026-12-03, again on 2026-12-04 with a minute to wait) the page stayed on {@code
   * /account} after the click: the click was lost, not slow (the shop's logout is Spring
   * Security's, with no call out). A likely cause, fixed since: the SDK linked its stylesheet only
   * when the list connected, so the list could restyle (and move the button below it) between
   * WebDriver reading the button's position and clicking it; the shop now links the stylesheet in
   * the page's head. Not proven (it happened twice in many runs), so a click that does nothing is
   * still clicked again, as a user would (up to three times, 20 s each; logging out twice is
   * harmless), saying so on the output.
   */
  private static void logOut(ChromeSession chrome) {
    for (int attempt = 1; ; attempt++) {
      chrome.wait.until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
      try {
        new WebDriverWait(chrome.driver, Duration.ofSeconds(20))
            .until(ExpectedConditions.urlContains("/login?logout"));
        return;
      } catch (TimeoutException e) {
        String url = chrome.driver.getCurrentUrl();
        if (attempt == 3 || url == null || !url.contains("/account")) {
          throw e;
        }
        System.out.println(
            "[ConnectShopJourneyIT] the logout click did not leave /account in 20 s: clicking again");
      }
    }
  }

  /**
   * The login page's conditional UI finds the passkey by itself with a virtual authenticator; where
   * it does not, the SDK's "Log in with a passkey" button does the same.
   */
  private static void passkeyLogin(ChromeSession chrome) {
    try {
      new WebDriverWait(chrome.driver, Duration.ofSeconds(8))
          .until(ExpectedConditions.urlContains("/account"));
    } catch (TimeoutException noConditionalUi) {
      clickButtonIn(chrome, "passbridge-login", "Log in with a passkey");
    }
  }

  /** The ids a field's aria-describedby names. */
  private static List<String> describedBy(WebElement field) {
    String ids = field.getAttribute("aria-describedby");
    return ids == null ? List.of() : List.of(ids.trim().split("\\s+"));
  }

  private static void enterCode(ChromeSession chrome, String code) {
    WebElement field = chrome.visible(By.id("code"));
    field.clear();
    field.sendKeys(code);
    chrome.driver.findElement(By.id("submit")).click();
  }

  /**
   * Pastes the code as a mail or SMS app copies it ("123 456") through the browser's editing
   * pipeline, so the field's maxlength applies as it does to a user's paste: all six digits must
   * stay.
   */
  private static void pasteCode(ChromeSession chrome, String code) {
    WebElement field = chrome.visible(By.id("code"));
    field.clear();
    field.click();
    chrome.driver.executeCdpCommand(
        "Input.insertText", Map.of("text", code.substring(0, 3) + " " + code.substring(3)));
    assertThat(field.getDomProperty("value")).as("the pasted code").isEqualTo(code);
    chrome.driver.findElement(By.id("submit")).click();
  }

  /** Follows the code page's link to the shop's dev mailbox, reads the newest code, comes back. */
  private static String readCodeFromShopMailbox(ChromeSession chrome, boolean shot)
      throws IOException {
    String link = chrome.visible(By.id("dev-mail-link")).getAttribute("href");
    assertThat(link).contains("/dev/mail?to=");
    chrome.driver.get(link);
    String body = chrome.visible(By.cssSelector("#mails .mail .mail-body")).getText();
    Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(body);
    assertThat(code.find()).as("a code in %s", body).isTrue();
    if (shot) {
      chrome.shot("shop-dev-mailbox");
    }
    chrome.driver.navigate().back();
    chrome.wait.until(ExpectedConditions.urlContains("/second-factor"));
    return code.group(1);
  }

  /** A button of one of the SDK's elements, by its text (in the element's shadow root or not). */
  private static WebElement buttonIn(ChromeSession chrome, String element, String text) {
    return chrome.wait.until(
        d ->
            (WebElement)
                chrome.driver.executeScript(
                    "const el = document.querySelector(arguments[0]);"
                        + " if (!el) { return null; }"
                        + " const roots = [el.shadowRoot, el].filter(Boolean);"
                        + " for (const root of roots) {"
                        + "  const b = [...root.querySelectorAll('button')].find((b) =>"
                        + "   b.textContent.trim() === arguments[1] && b.offsetParent !== null"
                        + "   && !b.disabled);"
                        + "  if (b) { return b; } }"
                        + " return null;",
                    element,
                    text));
  }

  private static void clickButtonIn(ChromeSession chrome, String element, String text) {
    buttonIn(chrome, element, text).click();
  }

  /**
   * A confirmation step of the element, if it has one: the button of that text in the element's
   * open (modal) dialog, which covers the row's own button.
   */
  private static void confirmIfAsked(ChromeSession chrome, String element, String text) {
    try {
      WebElement confirm =
          new WebDriverWait(chrome.driver, Duration.ofSeconds(3))
              .until(
                  d ->
                      (WebElement)
                          chrome.driver.executeScript(
                              "const el = document.querySelector(arguments[0]);"
                                  + " const root = el && (el.shadowRoot || el);"
                                  + " const dialog = root && root.querySelector('dialog[open]');"
                                  + " if (!dialog) { return null; }"
                                  + " return [...dialog.querySelectorAll('button')].find((b) =>"
                                  + "  b.textContent.trim() === arguments[1] && !b.disabled)"
                                  + "  || null;",
                              element,
                              text));
      confirm.click();
    } catch (TimeoutException | org.openqa.selenium.StaleElementReferenceException none) {
      // deleted at once
    }
  }

  private static void awaitTextIn(ChromeSession chrome, String element, String text) {
    chrome.wait.until(
        d ->
            Boolean.TRUE.equals(
                chrome.driver.executeScript(
                    "const el = document.querySelector(arguments[0]);"
                        + " if (!el) { return false; }"
                        + " const t = (el.shadowRoot ? el.shadowRoot.textContent : '')"
                        + "  + ' ' + el.textContent;"
                        + " return t.includes(arguments[1]);",
                    element,
                    text)));
  }

  /** The shop's own id of a customer: its externalUserId at Passbridge. */
  private static String shopUserId(String email) {
    return PassbridgeSystem.get()
        .context("shop")
        .getBean(ShopUsers.class)
        .byEmail(email)
        .orElseThrow()
        .id();
  }

  /** The server API's list of a user's passkeys, as the shop's backend would read it. */
  private static String serverPasskeys(String externalUserId) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            passbridge + "/connect/v1/users/" + externalUserId + "/passkeys"))
                    .header(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(
                                    "shop:shop-local-secret".getBytes(StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}
