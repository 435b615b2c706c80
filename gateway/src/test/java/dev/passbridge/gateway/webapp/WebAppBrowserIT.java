package dev.passbridge.gateway.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.support.StubService.Received;
import dev.passbridge.gateway.support.StubService.Response;
import dev.passbridge.testsupport.TestInfrastructure;
import dev.passbridge.testsupport.browser.Accessibility;
import dev.passbridge.testsupport.browser.HeadlessChrome;
import dev.passbridge.testsupport.browser.PageErrors;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web app in headless Chromium through the real gateway, against stub services. Every step a
 * page offers is done on the page, as a user does it: register and sign in with the new account,
 * password login, the OTP page (wrong codes down to the lock, resend with its cooldown until none
 * are left, the code read from the dev SMS inbox page), the upgrade (explainer and modal create
 * with a virtual authenticator, silent create aborted after the configured wait, "Not now"), the
 * passkey login by autofill, rename, delete, sign out, insights. The texts of each page state are
 * checked. Every page must run without an uncaught error, an unhandled rejection or a CSP violation
 * ({@link PageErrors}, checked after each test), and each page state the tests reach passes
 * axe-core's WCAG A/AA rules ({@link Accessibility}). Skipped when Chromium and its driver are not
 * installed.
 */
@ActiveProfiles("local")
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "spring.config.name=gateway",
      "management.server.port=0",
      "passbridge.gateway.rate-limit.key-prefix=gw:rl:it-browser:",
      "passbridge.web-app.conditional-create-timeout=1500ms",
      "passbridge.web-app.otp-resend-cooldown=5s",
      "logging.structured.format.console=",
    })
class WebAppBrowserIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final BrowserBackend BACKEND = new BrowserBackend();

  /** A fixed port, so the page's Origin (http://localhost:PORT) can be in the allowlist. */
  private static final int PORT = TestInfrastructure.freePort();

  /**
   * Records, across the navigations of a tab, the web SDK's events as they reach the document (they
   * bubble and are composed) and the Signal API calls with their arguments (then lets the browser
   * do them, so the virtual authenticator reflects them).
   */
  static final String SDK_RECORDER =
      """
      (() => {
        const add = (key, entry) => {
          try {
            const list = JSON.parse(sessionStorage.getItem(key) || '[]');
            list.push(entry);
            sessionStorage.setItem(key, JSON.stringify(list));
          } catch (ignored) { /* no storage on this document */ }
        };
        for (const type of ['appended', 'skipped', 'dismissed', 'error', 'login', 'verifying',
                            'listed', 'renamed', 'deleted']) {
          document.addEventListener('passbridge:' + type, (e) =>
            add('__pbEvents', {type: e.type, detail: e.detail, bubbles: e.bubbles, composed: e.composed}), true);
        }
        const PKC = window.PublicKeyCredential;
        for (const name of ['signalUnknownCredential', 'signalAllAcceptedCredentials', 'signalCurrentUserDetails']) {
          if (PKC && typeof PKC[name] === 'function') {
            const original = PKC[name].bind(PKC);
            PKC[name] = (options) => { add('__pbSignals', {name, options}); return original(options); };
          }
        }
      })();
      """;

  @LocalServerPort int port;
  private ChromeDriver driver;
  private ChromeDriverService service;
  private org.openqa.selenium.virtualauthenticator.VirtualAuthenticator authenticator;
  private PageErrors pageErrors;
  private boolean pageErrorsExpected;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerRedis(registry);
    BACKEND.register(registry);
    registry.add("server.port", () -> PORT);
    registry.add("passbridge.web.allowed-origins", () -> "http://localhost:" + PORT);
  }

  @BeforeAll
  static void needsChromium() {
    HeadlessChrome.assumeAvailable();
  }

  @AfterEach
  void noPageErrorsThenQuit() {
    try {
      if (pageErrors != null && !pageErrorsExpected) {
        assertThat(pageErrors.all()).as("page errors and CSP violations").isEmpty();
      }
    } finally {
      HeadlessChrome.quit(driver, service);
    }
  }

  private void startBrowser(boolean hideConditionalCreate) throws Exception {
    service = HeadlessChrome.service(Path.of("target", "tmp-chromium"));
    driver = new ChromeDriver(service, HeadlessChrome.options(390, 844));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    pageErrors = PageErrors.install(driver);
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", Map.of("source", SDK_RECORDER));
    if (hideConditionalCreate) {
      driver.executeCdpCommand(
          "Page.addScriptToEvaluateOnNewDocument",
          Map.of(
              "source",
              "const g=PublicKeyCredential.getClientCapabilities.bind(PublicKeyCredential);"
                  + "PublicKeyCredential.getClientCapabilities=async()=>({...(await g()),conditionalCreate:false});"));
    }
    authenticator = driver.addVirtualAuthenticator(HeadlessChrome.platformAuthenticator());
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    wait.withMessage(this::diagnostics);
    return wait;
  }

  /** What the page showed and logged, for a failure message. */
  private String diagnostics() {
    StringBuilder text = new StringBuilder("\n--- url: ").append(driver.getCurrentUrl());
    for (String id : List.of("error", "notice")) {
      driver
          .findElements(By.id(id))
          .forEach(e -> text.append("\n--- #").append(id).append(": ").append(e.getText()));
    }
    for (var stub : List.of(BACKEND.auth, BACKEND.otp, BACKEND.passkey)) {
      text.append("\n--- ")
          .append(stub.instance())
          .append(" received: ")
          .append(stub.received().stream().map(r -> r.method() + " " + r.path()).toList());
    }
    pageErrors.all().forEach(error -> text.append("\n--- ").append(error));
    return text.toString();
  }

  private WebElement visible(String css) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  private void awaitText(String id, String text) {
    waiting().until(ExpectedConditions.textToBe(By.id(id), text));
  }

  private static JsonNode body(Received request) {
    return JSON.readTree(request.body());
  }

  private List<Received> awaitReceived(
      dev.passbridge.gateway.support.StubService stub, String path, int count) {
    waiting().until(d -> stub.received(path).size() >= count);
    return stub.received(path);
  }

  /** The SDK's events seen in this tab so far, each {type, detail, bubbles, composed}. */
  private JsonNode sdkEvents() {
    Object json = driver.executeScript("return sessionStorage.getItem('__pbEvents') || '[]';");
    return JSON.readTree(String.valueOf(json));
  }

  private List<JsonNode> sdkEvents(String type) {
    List<JsonNode> seen = new java.util.ArrayList<>();
    sdkEvents()
        .forEach(
            e -> {
              if (e.get("type").asString().equals(type)) {
                seen.add(e);
              }
            });
    return seen;
  }

  /** The Signal API calls made in this tab so far, each {name, options}. */
  private List<JsonNode> signals(String name) {
    Object json = driver.executeScript("return sessionStorage.getItem('__pbSignals') || '[]';");
    List<JsonNode> seen = new java.util.ArrayList<>();
    JSON.readTree(String.valueOf(json))
        .forEach(
            e -> {
              if (e.get("name").asString().equals(name)) {
                seen.add(e.get("options"));
              }
            });
    return seen;
  }

  /** Types the username and password on the login page and presses "Sign in". */
  private void signInWithPassword(String username, String password) {
    visible("#username").sendKeys(username);
    byId("password").sendKeys(password);
    byId("submit").click();
    waiting().until(ExpectedConditions.urlContains("/otp.html"));
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("sent-to"), "+49******0001"));
  }

  /**
   * Opens the dev SMS inbox from the OTP page's link (in this tab: the error collector watches this
   * tab), reads the code the page shows, and comes back.
   */
  private String codeFromDevInbox() {
    String link = visible("#dev-inbox-link").getAttribute("href");
    assertThat(link).endsWith("/dev-sms.html?loginId=" + BrowserBackend.LOGIN_ID);
    driver.get(link);
    String code =
        waiting()
            .until(
                d -> {
                  String text = d.findElement(By.id("code")).getText();
                  return text.matches("\\d{6}") ? text : null;
                });
    assertThat(byId("to").getText()).isEqualTo("+4915110000001");
    driver.navigate().back();
    waiting().until(ExpectedConditions.urlContains("/otp.html"));
    return code;
  }

  /**
   * Pastes into the focused field as the browser does (the editing pipeline, so the field's
   * maxlength applies, unlike a script setting the value).
   */
  private void paste(WebElement field, String text) {
    field.clear();
    field.click();
    driver.executeCdpCommand("Input.insertText", Map.of("text", text));
  }

  /** The focused element's id, or its tag name when it has none ("body": the focus was lost). */
  private String focused() {
    return String.valueOf(
        driver.executeScript(
            "const e = document.activeElement; return e ? (e.id || e.tagName.toLowerCase()) : '';"));
  }

  /** The page as it is now breaks none of axe-core's WCAG A/AA rules. */
  private void accessible(String state) {
    Accessibility.assertNoViolations(driver, state);
  }

  /** Whether the page is no wider than the window: nothing scrolls sideways on the phone. */
  private boolean noHorizontalScroll() {
    return Boolean.TRUE.equals(
        driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;"));
  }

  private void enterCode(String code) {
    WebElement field = visible("#code");
    field.clear();
    field.sendKeys(code);
    byId("submit").click();
  }

  /** From the login page to the dashboard: password, one wrong code, the code from the inbox. */
  private void passwordLoginToDashboard(String username, String displayName) {
    passwordLoginToDashboard(username, displayName, false);
  }

  /**
   * The same; with {@code sessionFailsFirst} the session exchange after the right code fails once,
   * and Continue asks for the session again, not the used code.
   */
  private void passwordLoginToDashboard(
      String username, String displayName, boolean sessionFailsFirst) {
    int options = BACKEND.passkey.received("/api/passkeys/login/options").size();
    driver.get(url("/"));
    // the passkey autofill has started (it starts after any session check): a fresh visit asked
    // nothing of the session. Signed out, that check is a 401 (the gateway's own), which Chrome
    // logs as a console error; only a page come back to by Back or Forward checks
    awaitReceived(BACKEND.passkey, "/api/passkeys/login/options", options + 1);
    assertThat(
            (Number)
                driver.executeScript(
                    "return performance.getEntriesByType('resource')"
                        + ".filter(e => new URL(e.name).pathname === '/api/me').length;"))
        .as("session checks by a fresh sign-in page")
        .isEqualTo(0L);
    signInWithPassword(username, "passbridge-" + username + "-1");
    enterCode("000000");
    awaitText("error", "That code is not right.");
    assertThat(visible("#attempts").getText()).isEqualTo("4 attempts left.");
    String code = codeFromDevInbox();
    // pasted with a space, as an SMS app copies it: all six digits stay
    WebElement field = visible("#code");
    paste(field, code.substring(0, 3) + " " + code.substring(3));
    assertThat(field.getAttribute("value")).isEqualTo(code);
    BACKEND.sessionFailsOnce.set(sessionFailsFirst);
    byId("submit").click();
    if (sessionFailsFirst) {
      awaitText(
          "error",
          "The service is unavailable at the moment. Try again shortly. Your code was accepted:"
              + " press Continue to finish signing in.");
      assertThat(byId("resend").isDisplayed()).as("no new code for an accepted one").isFalse();
      int verifies = BACKEND.otp.received("/api/otp/verify").size();
      int sessions = BACKEND.auth.received("/api/auth/session").size();
      // a reload remembers the accepted code: it asks for the session at once (failing again here)
      BACKEND.sessionFailsOnce.set(true);
      driver.navigate().refresh();
      awaitReceived(BACKEND.auth, "/api/auth/session", sessions + 1);
      awaitText(
          "error",
          "The service is unavailable at the moment. Try again shortly. Your code was accepted:"
              + " press Continue to finish signing in.");
      byId("submit").click();
      waiting().until(ExpectedConditions.urlContains("/dashboard.html"));
      assertThat(BACKEND.otp.received("/api/otp/verify")).hasSize(verifies);
    }
    waiting().until(ExpectedConditions.urlContains("/dashboard.html"));
    awaitText("welcome", "Welcome, " + displayName);
  }

  @Test
  void registerOnThePageThenSignInWithTheNewAccount() throws Exception {
    BACKEND.reset("NONE");
    startBrowser(false);
    driver.get(url("/"));
    visible("a[href='/register.html']");
    accessible("the sign-in page");
    visible("a[href='/register.html']").click();
    waiting().until(ExpectedConditions.urlContains("/register.html"));

    // the keyboard's focus ring on the navy header bar is light enough to see (>= 3:1)
    driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
    assertThat(focused()).isEqualTo("a");
    Object ring =
        driver.executeScript(
            """
            const lum = (css) => {
              const [r, g, b] = css.match(/\\d+/g).slice(0, 3).map((v) => {
                const c = Number(v) / 255;
                return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
              });
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const link = document.activeElement;
            const ring = lum(getComputedStyle(link).outlineColor);
            const bar = lum(getComputedStyle(link.closest('.bar')).backgroundColor);
            return (Math.max(ring, bar) + 0.05) / (Math.min(ring, bar) + 0.05);
            """);
    assertThat(((Number) ring).doubleValue()).as("focus ring contrast").isGreaterThanOrEqualTo(3.0);

    // a field the browser finds invalid is named, and nothing is sent
    visible("#username").sendKeys("carol");
    byId("display-name").sendKeys("  Carol Example ");
    byId("phone").sendKeys("0151");
    byId("password").sendKeys("passbridge-carol-1");
    byId("submit").click();
    assertThat(visible("#error").getText()).startsWith("Mobile number: ");
    assertThat(byId("phone").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(BACKEND.auth.received("/api/auth/register")).isEmpty();
    accessible("the register page with a refused field");

    // written as people write it: the separators go, the service gets E.164
    byId("phone").clear();
    byId("phone").sendKeys("+49 151 12345678");
    byId("submit").click();
    waiting().until(ExpectedConditions.urlContains("/?registered=1"));
    awaitText("notice", "Your account is ready. Sign in.");
    JsonNode registration = body(BACKEND.auth.received("/api/auth/register").getFirst());
    assertThat(registration.get("username").asString()).isEqualTo("carol");
    assertThat(registration.get("displayName").asString()).isEqualTo("Carol Example");
    assertThat(registration.get("phone").asString()).isEqualTo("+4915112345678");
    assertThat(registration.get("password").asString()).isEqualTo("passbridge-carol-1");

    // a wrong username on the login page: the error, and the notice from before goes (the two
    // side by side said both "ready" and "not right")
    visible("#username").sendKeys("nobody");
    byId("password").sendKeys("passbridge-nobody-1");
    byId("submit").click();
    awaitText("error", "The username or password is not right.");
    assertThat(byId("notice").isDisplayed()).isFalse();
    assertThat(byId("notice").getAttribute("textContent")).isEmpty();
    // empty, but a polite live region still in the accessibility tree: its next text is announced
    // (one shown only together with its text is not)
    assertThat(byId("notice").getDomProperty("hidden")).isEqualTo("false");
    assertThat(byId("notice").getAttribute("role")).isEqualTo("status");
    assertThat(byId("password").getAttribute("value")).isEmpty();
    accessible("the sign-in page after a wrong password");

    // the same username again: the page says it is taken and stays usable
    driver.get(url("/register.html"));
    visible("#username").sendKeys("carol");
    byId("display-name").sendKeys("Carol");
    byId("phone").sendKeys("+4915112345678");
    byId("password").sendKeys("passbridge-carol-1");
    byId("submit").click();
    awaitText("error", "This username is taken. Choose another one.");
    assertThat(byId("submit").isEnabled()).isTrue();
    assertThat(byId("username").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(focused()).isEqualTo("username");

    // then the new account
    driver.get(url("/"));
    signInWithPassword("carol", "passbridge-carol-1");
    assertThat(body(BACKEND.auth.received("/api/auth/login").getLast()).get("username").asString())
        .isEqualTo("carol");
    // the code is taken but its answer is lost (the gateway's 504): the page asks whether the
    // login is complete and goes on, instead of calling the used code wrong or expired
    int verifies = BACKEND.otp.received("/api/otp/verify").size();
    // first the code never reaches the service (the gateway's 502): the login is not complete, the
    // page says so and the same code may go again
    BACKEND.verifyNeverArrives.set(true);
    enterCode(codeFromDevInbox());
    awaitText("error", "The service could not be reached just now. Try again.");
    assertThat(driver.getCurrentUrl()).contains("/otp.html");
    assertThat(BACKEND.auth.received("/api/auth/session")).hasSize(1); // asked once: incomplete
    // then it is taken and its answer lost (the gateway's 504): the login is complete, on it goes
    BACKEND.verifyAnswerLost.set(true);
    byId("submit").click();
    waiting().until(ExpectedConditions.urlContains("/dashboard.html"));
    assertThat(BACKEND.otp.received("/api/otp/verify")).hasSize(verifies + 2);
    awaitText("welcome", "Welcome, Carol Example");
    awaitText(
        "no-passkeys",
        "You have no passkeys yet. After a password sign-in we may offer to create one.");
    // carol is no admin: no link to the funnel, which is for admins only
    assertThat(byId("insights-link").isDisplayed()).isFalse();
    accessible("the dashboard without passkeys");

    // sign out from the dashboard; first the service cannot do it (503): the page must not say
    // "You are signed out." while the session still works
    BACKEND.auth.respond(
        "POST /api/auth/logout",
        Response.json(
            503,
            "{\"type\":\"https://passbridge.dev/problems/service-unavailable\","
                + "\"code\":\"service-unavailable\",\"status\":503}"));
    byId("logout").click();
    awaitReceived(BACKEND.auth, "/api/auth/logout", 1);
    awaitText(
        "error",
        "Signing out did not work, so you are still signed in. The service is unavailable at the"
            + " moment. Try again shortly.");
    assertThat(driver.getCurrentUrl()).contains("/dashboard.html");
    assertThat(byId("logout").isEnabled()).isTrue();
    BACKEND.signOutWorks();
    byId("logout").click();
    awaitReceived(BACKEND.auth, "/api/auth/logout", 2);
    waiting().until(ExpectedConditions.urlContains("/?signedOut=1"));
    awaitText("notice", "You are signed out.");

    // Back: the account page comes from the back-forward cache without a load; it checks the
    // session again and gives way to the sign-in page instead of showing a signed-out account
    driver.executeScript("window.beforeBack = true;");
    driver.navigate().back();
    waiting()
        .until(
            d ->
                d.getCurrentUrl().contains("/?signedOut=1")
                    && Boolean.TRUE.equals(
                        driver.executeScript("return window.beforeBack === undefined;")));
    visible("#username");
  }

  @Test
  void otpPageWrongCodesResendWithItsCooldownAndTheLock() throws Exception {
    BACKEND.reset("NONE");
    startBrowser(false);
    driver.get(url("/"));
    signInWithPassword("alice", "passbridge-alice-1");

    // the first cooldown: the button waits, the countdown says for how long
    assertThat(byId("resend").isEnabled()).isFalse();
    assertThat(byId("resend-wait").getText()).matches("available in 0:0[1-5]");
    assertThat(byId("code-help").isDisplayed()).isTrue();
    accessible("the OTP page waiting for the code");
    // the attempts line: a polite live region, in the accessibility tree before it has anything
    // to say (the field keeps the focus after a wrong code; a region shown only with its text
    // does not announce it)
    WebElement attempts = byId("attempts");
    assertThat(attempts.getAttribute("role")).isEqualTo("status");
    assertThat(attempts.getAttribute("aria-live")).isEqualTo("polite");
    assertThat(attempts.getCssValue("display")).isNotEqualTo("none");
    assertThat(attempts.getAttribute("textContent")).isEmpty();
    assertThat(byId("code").getAttribute("aria-describedby")).contains("attempts");

    byId("submit").click(); // nothing typed
    awaitText("error", "Enter the 6 digits from the message.");
    assertThat(BACKEND.otp.received("/api/otp/verify")).isEmpty();

    enterCode("000000");
    awaitText("error", "That code is not right.");
    assertThat(visible("#attempts").getText()).isEqualTo("4 attempts left.");
    assertThat(focused()).isEqualTo("code");
    accessible("the OTP page after a wrong code");
    // Enter again on the code just refused: said on the page, no attempt used
    byId("code").sendKeys(Keys.ENTER);
    awaitText(
        "error",
        "That code was not right. Check the message and type the code again, or ask for a new one.");
    assertThat(BACKEND.otp.received("/api/otp/verify")).hasSize(1);
    assertThat(byId("attempts").getText()).isEqualTo("4 attempts left.");

    // after the cooldown a new code is sent but its answer is lost (the gateway's 504): the page
    // says a new code may arrive, and waits a cooldown before offering another
    BACKEND.resendsLeft.set(3);
    BACKEND.resendAnswerLost.set(true);
    waiting().until(ExpectedConditions.elementToBeClickable(By.id("resend")));
    byId("resend").click();
    awaitText(
        "error",
        "The service did not answer in time. Try again. A new code may still arrive: if it does,"
            + " use the newest one.");
    assertThat(byId("resend").isEnabled()).isFalse();
    assertThat(byId("resend-wait").getText()).startsWith("available in");

    // after the cooldown: a new code, the attempts line goes, a new countdown starts
    waiting().until(ExpectedConditions.elementToBeClickable(By.id("resend")));
    assertThat(byId("resend-wait").getText()).isEmpty();
    byId("resend").click();
    awaitText("notice", "We sent you a new code.");
    awaitText("sent-to", "We sent a code by SMS to +49******0002.");
    assertThat(byId("attempts").getAttribute("textContent")).isEmpty();
    assertThat(byId("error").isDisplayed()).isFalse();
    assertThat(byId("resend").isEnabled()).isFalse();
    assertThat(byId("resend-wait").getText()).matches("available in 0:0[1-5]");
    assertThat(BACKEND.otp.received("/api/otp/resend").getFirst().body())
        .contains(BrowserBackend.LOGIN_ID);

    // the last new code: one sentence instead of a countdown
    waiting().until(ExpectedConditions.elementToBeClickable(By.id("resend")));
    byId("resend").click();
    awaitText("resend-wait", "No more new codes can be sent for this sign-in.");
    assertThat(byId("resend").isEnabled()).isFalse();

    // wrong codes down to the lock
    for (int left = 3; left >= 1; left--) {
      enterCode("00000" + left);
      awaitText("attempts", left + " attempt" + (left == 1 ? "" : "s") + " left.");
    }
    enterCode("999999");
    awaitText("error", "Too many wrong codes. Sign in again to get a new code.");
    // the locked page says only that: no attempts left line, no countdown, no resend, no expiry
    assertThat(byId("attempts").getAttribute("textContent")).isEmpty();
    assertThat(byId("resend").isDisplayed()).isFalse();
    assertThat(byId("resend-wait").getText()).isEmpty();
    assertThat(byId("code-help").isDisplayed()).isFalse();
    assertThat(byId("notice").isDisplayed()).isFalse();
    assertThat(byId("code").isEnabled()).isFalse();
    assertThat(byId("submit").isEnabled()).isFalse();
    assertThat(driver.findElement(By.linkText("Start again")).isDisplayed()).isTrue();
    // the focus is not lost with the disabled field: on the one thing left to do
    waiting().until(d -> focused().equals("start-again"));

    // a reload of the locked sign-in says so at once, without another try
    int verifies = BACKEND.otp.received("/api/otp/verify").size();
    driver.navigate().refresh();
    awaitText("error", "Too many wrong codes. Sign in again to get a new code.");
    assertThat(byId("code").isEnabled()).isFalse();
    assertThat(byId("submit").isEnabled()).isFalse();
    assertThat(byId("resend").isDisplayed()).isFalse();
    assertThat(focused()).isEqualTo("start-again");
    assertThat(BACKEND.otp.received("/api/otp/verify")).hasSize(verifies);
  }

  /**
   * Outages on the sign-in and code pages: the password stays filled after a 503 (the retry resumes
   * the held login with the same signals), a code answered 503 is not marked wrong, a resend the
   * SMS provider refused says so without promising a code, and a reload while the right code was
   * out does not end a sign-in that went through (the same code then answers otp-expired).
   */
  @Test
  void outagesKeepWhatWasTypedAndAReloadDuringTheCodeDoesNotEndTheSignIn() throws Exception {
    BACKEND.reset("NONE");
    startBrowser(false);
    driver.get(url("/"));
    BACKEND.loginUnavailableOnce.set(true);
    visible("#username").sendKeys("alice");
    byId("password").sendKeys("passbridge-alice-1");
    byId("submit").click();
    awaitText("error", "The service is unavailable at the moment. Try again shortly.");
    assertThat(byId("password").getAttribute("value"))
        .as("the password is kept for the retry")
        .isEqualTo("passbridge-alice-1");
    // while the password is on its way, the passkey button (outside the form) waits too
    BACKEND.loginDelayMillis.set(1500);
    byId("submit").click();
    waiting()
        .until(d -> !d.findElement(By.cssSelector("#passkey-login .pb-login-button")).isEnabled());
    waiting().until(ExpectedConditions.urlContains("/otp.html"));
    BACKEND.loginDelayMillis.set(0);

    // the SMS provider refused the new code: the page says why, and promises no code
    BACKEND.resendRejectedOnce.set(true);
    waiting().until(ExpectedConditions.elementToBeClickable(By.id("resend")));
    byId("resend").click();
    awaitText("error", "This number cannot receive text messages. Update it or contact support.");

    // a code the service could not confirm (503) is not a wrong one
    BACKEND.verifyUnavailableOnce.set(true);
    enterCode(BrowserBackend.CODE);
    awaitText("error", "The service is unavailable at the moment. Try again shortly.");
    assertThat(byId("code").getAttribute("aria-invalid")).as("not marked wrong").isNull();
    assertThat(byId("attempts").getAttribute("textContent")).isEmpty();

    // the right code goes out, and the page is reloaded before its answer: the service took it
    BACKEND.verifyDelayMillis.set(3000);
    int verifies = BACKEND.otp.received("/api/otp/verify").size();
    enterCode(BrowserBackend.CODE);
    awaitReceived(BACKEND.otp, "/api/otp/verify", verifies + 1);
    driver.navigate().refresh();
    BACKEND.verifyDelayMillis.set(0);
    // the same code again: otp-expired (it was used), and the page asks for the session instead
    // of ending the sign-in
    enterCode(BrowserBackend.CODE);
    waiting().until(ExpectedConditions.urlContains("/dashboard.html"));
    assertThat(BACKEND.auth.received("/api/auth/session")).isNotEmpty();
  }

  @Test
  void passwordLoginThenPromptedPasskeyThenPasskeyLoginByAutofill() throws Exception {
    BACKEND.reset("PROMPT");
    startBrowser(false);
    passwordLoginToDashboard("alice", "Alice", true);

    JsonNode login = body(BACKEND.auth.received("/api/auth/login").getFirst());
    assertThat(login.get("username").asString()).isEqualTo("alice");
    assertThat(login.get("password").asString()).isEqualTo("passbridge-alice-1");
    assertThat(login.at("/client/autofilled").asBoolean()).isFalse(); // typed
    assertThat(login.at("/client/capabilities").isObject()).isTrue();
    assertThat(login.at("/client/capabilities/conditionalGet").isBoolean()).isTrue();
    assertThat(login.at("/client/hints/Sec-CH-UA-Platform").asString()).startsWith("\"");
    JsonNode verify = body(BACKEND.otp.received("/api/otp/verify").getLast());
    assertThat(verify.get("code").asString()).isEqualTo(BrowserBackend.CODE);
    assertThat(verify.get("loginId").asString()).isEqualTo(BrowserBackend.LOGIN_ID);

    // PROMPT: the explainer; the page behind it does not promise a later offer
    visible("#upgrade-dialog");
    assertThat(byId("no-passkeys").getAttribute("textContent"))
        .isEqualTo("You have no passkeys yet.");
    accessible("the dashboard with the upgrade prompt open");
    byId("upgrade-create").click();
    JsonNode registration =
        body(awaitReceived(BACKEND.passkey, "/api/passkeys/registrations", 1).getFirst());
    assertThat(registration.get("ceremonyId").asString()).isEqualTo("ceremony-1");
    assertThat(registration.at("/credential/type").asString()).isEqualTo("public-key");
    assertThat(registration.at("/credential/response/attestationObject").asString()).isNotBlank();
    assertThat(registration.at("/credential/response/clientDataJSON").asString()).isNotBlank();
    assertThat(registration.at("/credential/clientExtensionResults/credProps/rk").asBoolean())
        .isTrue();
    awaitText("notice", "Your passkey is ready. Next time, sign in with it.");
    assertThat(visible(".passkey .passkey-name").getText()).isEqualTo("Chrome on Linux");
    assertThat(byId("passkeys").findElement(By.cssSelector(".passkey-meta")).getText())
        .isEqualTo("Google Password Manager · Synced");
    assertThat(byId("no-passkeys").isDisplayed()).isFalse();
    assertThat(BACKEND.passkey.received("/api/passkeys/upgrade/outcome")).isEmpty();
    accessible("the dashboard listing the new passkey");

    // the SDK's events: appended with the new credential's id (bubbling, composed), the list
    String credentialId = registration.at("/credential/id").asString();
    waiting().until(d -> !sdkEvents("passbridge:appended").isEmpty());
    JsonNode appended = sdkEvents("passbridge:appended").getFirst();
    assertThat(appended.at("/detail/credentialId").asString()).isEqualTo(credentialId);
    assertThat(appended.at("/detail/userHandle").asString()).isEqualTo(BrowserBackend.USER_HANDLE);
    assertThat(appended.get("bubbles").asBoolean()).isTrue();
    assertThat(appended.get("composed").asBoolean()).isTrue();
    assertThat(sdkEvents("passbridge:listed").getLast().at("/detail/count").asInt()).isEqualTo(1);

    // the Signal API call with the server's list keeps the new credential in the authenticator
    waiting().until(d -> !signals("signalAllAcceptedCredentials").isEmpty());
    JsonNode accepted = signals("signalAllAcceptedCredentials").getLast();
    assertThat(accepted.get("rpId").asString()).isEqualTo("localhost");
    assertThat(accepted.get("userId").asString()).isEqualTo(BrowserBackend.USER_HANDLE);
    assertThat(accepted.get("allAcceptedCredentialIds").get(0).asString()).isEqualTo(credentialId);
    JsonNode details = signals("signalCurrentUserDetails").getLast();
    assertThat(details.get("name").asString()).isEqualTo("alice");
    assertThat(details.get("displayName").asString()).isEqualTo("Alice");
    assertThat(authenticator.getCredentials()).hasSize(1);

    // sign out; the passkey offered in the username field's autofill signs in by itself
    byId("logout").click();
    // (the login page may pass by too fast to be seen: the autofill resolves at once)
    awaitReceived(BACKEND.auth, "/api/auth/logout", 1);
    JsonNode assertion = body(awaitReceived(BACKEND.passkey, "/api/passkeys/login", 1).getFirst());
    assertThat(assertion.get("ceremonyId").asString()).isEqualTo("login-ceremony");
    assertThat(assertion.at("/credential/response/signature").asString()).isNotBlank();
    assertThat(assertion.at("/credential/response/userHandle").asString())
        .isEqualTo(BrowserBackend.USER_HANDLE);
    waiting().until(ExpectedConditions.urlContains("/dashboard.html"));
    visible(".passkey");
    assertThat(BACKEND.passkey.received("/api/passkeys/upgrade")).hasSize(1); // no upgrade now
    JsonNode passkeyLogin = sdkEvents("passbridge:login").getLast();
    assertThat(passkeyLogin.at("/detail/loginId").asString()).isEqualTo(BrowserBackend.LOGIN_ID);
    assertThat(passkeyLogin.at("/detail/credentialId").asString()).isEqualTo(credentialId);
    assertThat(passkeyLogin.at("/detail/userHandle").asString())
        .isEqualTo(BrowserBackend.USER_HANDLE);

    // Back to the login page while signed in: on to the dashboard again, without another
    // passkey login (the autofill starts only when signed out)
    int options = BACKEND.passkey.received("/api/passkeys/login/options").size();
    driver.navigate().back();
    waiting().until(ExpectedConditions.urlContains("/dashboard.html"));
    visible(".passkey");
    assertThat(BACKEND.passkey.received("/api/passkeys/login")).hasSize(1);
    assertThat(BACKEND.passkey.received("/api/passkeys/login/options")).hasSize(options);

    // rename: an empty name is refused on the page, then a real one
    visible(".passkey .rename").click();
    WebElement name = visible(".passkey .rename-input");
    assertThat(name.getAttribute("value")).isEqualTo("Chrome on Linux");
    name.clear();
    name.sendKeys("   ");
    driver.findElement(By.cssSelector(".passkey .rename-form button[type=submit]")).click();
    awaitText("error", "A name needs 1 to 64 characters.");
    assertThat(BACKEND.passkey.received()).noneMatch(r -> r.method().equals("PATCH"));
    name.clear();
    name.sendKeys("My laptop");
    driver.findElement(By.cssSelector(".passkey .rename-form button[type=submit]")).click();
    waiting()
        .until(ExpectedConditions.textToBe(By.cssSelector(".passkey .passkey-name"), "My laptop"));
    awaitText("notice", "Renamed to “My laptop”.");
    // the SDK element did the rename (the page only says it)
    assertThat(sdkEvents("passbridge:renamed"))
        .extracting(e -> e.at("/detail/name").asString())
        .containsExactly("My laptop");
    // the list was drawn again: the focus is on the renamed passkey's Rename button
    assertThat(driver.switchTo().activeElement().getAttribute("aria-label"))
        .isEqualTo("Rename My laptop");

    // delete, cancelled first, then confirmed: the list is empty and the Signal API removes the
    // passkey from the authenticator
    driver.findElement(By.cssSelector(".passkey .delete")).click();
    awaitText("passkeys-delete-title", "Delete “My laptop”?");
    visible("#passkeys-delete-dialog button[value=cancel]").click();
    assertThat(driver.findElements(By.cssSelector(".passkey"))).hasSize(1);
    driver.findElement(By.cssSelector(".passkey .delete")).click();
    visible("#passkeys-delete-dialog button[value=delete]").click();
    awaitText("notice", "Deleted “My laptop”.");
    awaitText(
        "no-passkeys",
        "You have no passkeys yet. After a password sign-in we may offer to create one.");
    waiting().until(d -> authenticator.getCredentials().isEmpty());
    assertThat(sdkEvents("passbridge:deleted").getLast().at("/detail/name").asString())
        .isEqualTo("My laptop");
    assertThat(
            BACKEND.passkey.received().stream()
                .filter(r -> r.method().equals("PATCH"))
                .map(r -> body(r).get("name").asString()))
        .containsExactly("My laptop");
    JsonNode afterDelete = signals("signalAllAcceptedCredentials").getLast();
    assertThat(afterDelete.get("userId").asString()).isEqualTo(BrowserBackend.USER_HANDLE);
    assertThat(afterDelete.get("allAcceptedCredentialIds")).isEmpty();

    // sign out: no passkey is left to sign in with, so the login page stays
    byId("logout").click();
    waiting().until(ExpectedConditions.urlContains("/?signedOut=1"));
    awaitText("notice", "You are signed out.");
  }

  /**
   * On a phone (390 px): a name the service refuses says the service's reason, a 64-character name
   * without spaces wraps in the list, the notice and the delete dialog (nothing scrolls sideways,
   * Delete can be pressed), and the focus stays on the renamed passkey.
   */
  @Test
  void renameSaysTheServicesReasonKeepsTheFocusAndLongNamesWrapOnAPhone() throws Exception {
    BACKEND.reset("NONE");
    BACKEND.passkeys.put("cred-1", "Chrome on Linux");
    startBrowser(false);
    passwordLoginToDashboard("alice", "Alice");
    assertThat(byId("insights-link").isDisplayed()).isTrue(); // alice is an admin here

    // a format character (left-to-right mark) the service refuses: its reason, at the field
    visible(".passkey .rename").click();
    WebElement name = visible(".passkey .rename-input");
    driver.executeScript("arguments[0].value = 'Work\u200Ekey';", name);
    driver.findElement(By.cssSelector(".passkey .rename-form button[type=submit]")).click();
    awaitText(
        "error",
        "Name: must not contain control, format, line separator, private-use or unpaired"
            + " surrogate characters.");
    assertThat(name.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(focused()).isEqualTo(name.getAttribute("id"));

    // 64 characters, no space
    String longName = "Passkey".repeat(9) + "1";
    assertThat(longName).hasSize(64);
    name.clear();
    name.sendKeys(longName);
    driver.findElement(By.cssSelector(".passkey .rename-form button[type=submit]")).click();
    awaitText("notice", "Renamed to “" + longName + "”.");
    assertThat(driver.findElement(By.cssSelector(".passkey .passkey-name")).getText())
        .isEqualTo(longName);
    assertThat(driver.switchTo().activeElement().getAttribute("aria-label"))
        .isEqualTo("Rename " + longName);
    assertThat(noHorizontalScroll()).as("no horizontal scroll at 390 px").isTrue();

    // the delete dialog: its title wraps inside it, and Delete can be pressed
    driver.findElement(By.cssSelector(".passkey .delete")).click();
    awaitText("passkeys-delete-title", "Delete “" + longName + "”?");
    Object fits =
        driver.executeScript(
            "const d = document.getElementById('passkeys-delete-dialog');"
                + " const r = d.getBoundingClientRect();"
                + " return r.left >= 0 && r.right <= window.innerWidth"
                + " && d.scrollWidth <= d.clientWidth;");
    assertThat(fits).as("the dialog fits the window").isEqualTo(true);
    visible("#passkeys-delete-dialog button[value=delete]").click();
    awaitText("notice", "Deleted “" + longName + "”.");
    assertThat(BACKEND.passkeys).isEmpty();
    assertThat(noHorizontalScroll()).isTrue();
  }

  /** The {@code DELETE /api/me} requests the auth stub received, in order. */
  private List<Received> accountDeletions() {
    return BACKEND.auth.received("/api/me").stream()
        .filter(r -> r.method().equals("DELETE"))
        .toList();
  }

  /** Opens the dashboard's delete dialog from its button; the field has the focus. */
  private WebElement openDeleteDialog() {
    visible("#delete-account-open").click();
    visible("#delete-account-dialog");
    waiting().until(d -> focused().equals("delete-account-confirm"));
    return byId("delete-account-confirm");
  }

  /**
   * Delete the account on the dashboard: the section says what goes and that the password manager
   * keeps its passkeys; a wrong username leaves "Delete my account" disabled, Cancel and Escape
   * send nothing and give the focus back; the username (any case, spaces around) confirms, a double
   * click sends one request with the session cookie, the password manager is told no passkey is
   * accepted any more, and the sign-in page says the account is deleted.
   */
  @Test
  void deleteTheAccountAfterTypingTheUsernameThenTheSignInPageSaysSo() throws Exception {
    BACKEND.reset("NONE");
    BACKEND.meHasUserHandle.set(true);
    byte[] id = "alice-passkey-to-forget-01".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String credentialId = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    BACKEND.passkeys.put(credentialId, "Chrome on Linux");
    startBrowser(false);
    passwordLoginToDashboard("alice", "Alice");
    // the list element has signalled the service's list; then the passkey is in the browser's
    // password manager (added only now: on the sign-in page its autofill would have signed in)
    waiting().until(d -> !signals("signalAllAcceptedCredentials").isEmpty());
    assertThat(signals("signalAllAcceptedCredentials").getLast().get("allAcceptedCredentialIds"))
        .hasSize(1);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    authenticator.addCredential(
        Credential.createResidentCredential(
            id,
            "localhost",
            new java.security.spec.PKCS8EncodedKeySpec(
                generator.generateKeyPair().getPrivate().getEncoded()),
            java.util.Base64.getUrlDecoder().decode(BrowserBackend.USER_HANDLE),
            0));
    int signalsBefore = signals("signalAllAcceptedCredentials").size();

    // the section, last on the page
    WebElement open = visible("#delete-account-open");
    assertThat(open.getText()).isEqualTo("Delete account…");
    assertThat(byId("delete-account-heading").getText()).isEqualTo("Delete your account");
    assertThat(byId("delete-account").getText())
        .contains("deletes your account and its passkeys")
        .contains("It cannot be undone.")
        .contains("password manager")
        .contains("a website cannot delete them");
    assertThat(
            driver.executeScript(
                "return document.querySelector('#main > section:last-of-type').id;"))
        .isEqualTo("delete-account");
    accessible("the dashboard with the delete-account section");

    // a wrong username: the button stays disabled, Enter sends nothing
    WebElement field = openDeleteDialog();
    assertThat(byId("delete-account-title").getText()).isEqualTo("Delete your account?");
    assertThat(byId("delete-account-username").getText()).isEqualTo("alice");
    WebElement confirm = byId("delete-account-submit");
    assertThat(confirm.getText()).isEqualTo("Delete my account");
    assertThat(confirm.isEnabled()).isFalse();
    field.sendKeys("alic");
    assertThat(confirm.isEnabled()).isFalse();
    field.sendKeys("e2");
    assertThat(confirm.isEnabled()).isFalse();
    field.sendKeys(Keys.ENTER);
    assertThat(byId("delete-account-dialog").isDisplayed()).isTrue();
    accessible("the delete dialog with a wrong username");
    Object fits =
        driver.executeScript(
            "const d = document.getElementById('delete-account-dialog');"
                + " const r = d.getBoundingClientRect();"
                + " return r.left >= 0 && r.right <= window.innerWidth"
                + " && d.scrollWidth <= d.clientWidth;");
    assertThat(fits).as("the dialog fits the phone's window").isEqualTo(true);

    // Cancel: closed, the focus back on the button that opened it
    byId("delete-account-cancel").click();
    waiting().until(d -> !byId("delete-account-dialog").isDisplayed());
    waiting().until(d -> focused().equals("delete-account-open"));
    // Escape likewise; the field starts empty each time
    field = openDeleteDialog();
    assertThat(field.getAttribute("value")).isEmpty();
    field.sendKeys("alice");
    field.sendKeys(Keys.ESCAPE);
    waiting().until(d -> !byId("delete-account-dialog").isDisplayed());
    waiting().until(d -> focused().equals("delete-account-open"));
    assertThat(accountDeletions()).isEmpty();
    assertThat(driver.getCurrentUrl()).contains("/dashboard.html");

    // the username in another case with spaces around confirms; a double click asks once
    field = openDeleteDialog();
    assertThat(confirm.isEnabled()).isFalse();
    field.sendKeys("  ALICE ");
    assertThat(confirm.isEnabled()).isTrue();
    accessible("the delete dialog confirmed");
    new org.openqa.selenium.interactions.Actions(driver).doubleClick(confirm).perform();
    waiting().until(ExpectedConditions.urlContains("/?deleted=1"));
    awaitText("notice", "Your account is deleted.");
    assertThat(byId("notice").getAttribute("role")).isEqualTo("status");
    List<Received> deletions = accountDeletions();
    assertThat(deletions).hasSize(1);
    assertThat(deletions.getFirst().header("cookie")).contains("pb_session=");
    assertThat(driver.manage().getCookieNamed("pb_session")).as("session cookie").isNull();
    assertThat(BACKEND.accounts).doesNotContainKey("alice");

    // the password manager was told that none of the user's passkeys is accepted any more
    assertThat(signals("signalAllAcceptedCredentials")).hasSizeGreaterThan(signalsBefore);
    JsonNode forget = signals("signalAllAcceptedCredentials").getLast();
    assertThat(forget.get("rpId").asString()).isEqualTo("localhost");
    assertThat(forget.get("userId").asString()).isEqualTo(BrowserBackend.USER_HANDLE);
    assertThat(forget.get("allAcceptedCredentialIds")).isEmpty();
    waiting().until(d -> authenticator.getCredentials().isEmpty());
    assertThat(
            driver.executeScript(
                "return sessionStorage.getItem('pb.userHandle')"
                    + " ?? localStorage.getItem('pb.userHandle."
                    + BrowserBackend.USER_ID
                    + "');"))
        .as("the user handle is forgotten")
        .isNull();
    accessible("the sign-in page after the account was deleted");
    visible("#username");
  }

  /**
   * A deletion the service could not do (503) or whose answer was lost (the gateway's 504, 502, no
   * network) keeps the dialog open with its reason, focused, and the button usable again; a 401
   * (signed out meanwhile) goes to the sign-in page as the dashboard does for a lost session.
   */
  @Test
  void aDeletionThatFailedKeepsTheDialogAndSaysWhetherAnythingChanged() throws Exception {
    BACKEND.reset("NONE");
    startBrowser(false);
    passwordLoginToDashboard("alice", "Alice");

    BACKEND.deleteMeStatus.set(503);
    openDeleteDialog().sendKeys("alice");
    byId("delete-account-submit").click();
    awaitText(
        "delete-account-error",
        "Your account could not be deleted right now. Nothing was changed; try again.");
    assertThat(byId("delete-account-error").getAttribute("role")).isEqualTo("alert");
    waiting().until(d -> focused().equals("delete-account-error"));
    assertThat(byId("delete-account-dialog").isDisplayed()).isTrue();
    assertThat(byId("delete-account-submit").isEnabled()).isTrue();
    assertThat(byId("delete-account-cancel").isEnabled()).isTrue();
    assertThat(byId("delete-account-confirm").getAttribute("value")).isEqualTo("alice");
    assertThat(driver.getCurrentUrl()).contains("/dashboard.html");
    assertThat(accountDeletions()).hasSize(1);
    accessible("the delete dialog after a 503");

    String unknown =
        "We could not tell whether your account was deleted. Reload the page to check.";
    BACKEND.deleteMeStatus.set(504);
    byId("delete-account-submit").click();
    waiting().until(d -> accountDeletions().size() == 2);
    awaitText("delete-account-error", unknown);
    waiting().until(d -> focused().equals("delete-account-error"));
    assertThat(byId("delete-account-submit").isEnabled()).isTrue();
    accessible("the delete dialog after a 504");

    // the gateway's 502: the same; the message was cleared when the button was pressed
    BACKEND.deleteMeStatus.set(502);
    byId("delete-account-submit").click();
    waiting().until(d -> accountDeletions().size() == 3);
    awaitText("delete-account-error", unknown);
    assertThat(byId("delete-account-submit").isEnabled()).isTrue();

    // no network at all: the same, and nothing reached the service
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand(
        "Network.emulateNetworkConditions",
        Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    // (the message is the same as before: emptied here, it must come again)
    driver.executeScript("document.getElementById('delete-account-error').textContent = '';");
    byId("delete-account-submit").click();
    awaitText("delete-account-error", unknown);
    waiting().until(d -> focused().equals("delete-account-error"));
    assertThat(accountDeletions()).hasSize(3);
    driver.executeCdpCommand(
        "Network.emulateNetworkConditions",
        Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    assertThat(driver.getCurrentUrl()).contains("/dashboard.html");
    assertThat(BACKEND.accounts).containsKey("alice");

    // signed out meanwhile (another tab): the sign-in page, as for any lost session
    BACKEND.deleteMeStatus.set(401);
    byId("delete-account-submit").click();
    waiting().until(ExpectedConditions.urlContains("/?signedOut=1"));
    awaitText("notice", "You are signed out.");
    assertThat(accountDeletions()).hasSize(4);
  }

  /**
   * A sign-in too old to delete the account (403 {@code reauthentication-required}): the dialog
   * says so, and its only way on is "Sign in again", which signs out and opens the sign-in page
   * with its notice; signed in again, the dialog has its Delete button back and the deletion goes
   * through.
   */
  @Test
  void anOldSignInSignsInAgainBeforeTheAccountIsDeleted() throws Exception {
    BACKEND.reset("NONE");
    startBrowser(false);
    passwordLoginToDashboard("alice", "Alice");

    BACKEND.deleteMeStatus.set(403);
    openDeleteDialog().sendKeys("alice");
    byId("delete-account-submit").click();
    awaitText(
        "delete-account-error",
        "To delete your account, sign in again first: your last sign-in was more than 10 minutes"
            + " ago.");
    waiting().until(d -> focused().equals("delete-account-reauth"));
    assertThat(byId("delete-account-reauth").getText()).isEqualTo("Sign in again");
    assertThat(byId("delete-account-submit").isDisplayed()).isFalse();
    assertThat(accountDeletions()).hasSize(1);
    assertThat(BACKEND.accounts).containsKey("alice");
    accessible("the delete dialog asking for a new sign-in");
    // Enter in the field (the form's implicit submission) sends nothing more
    byId("delete-account-confirm").sendKeys(Keys.ENTER);
    driver.executeAsyncScript("setTimeout(arguments[arguments.length - 1], 500);");
    assertThat(accountDeletions()).hasSize(1);
    assertThat(byId("delete-account-error").getText()).startsWith("To delete your account");

    int logouts = BACKEND.auth.received("/api/auth/logout").size();
    byId("delete-account-reauth").click();
    waiting().until(ExpectedConditions.urlContains("/?reauth=1"));
    awaitText("notice", "Sign in again, then delete your account from your dashboard.");
    assertThat(BACKEND.auth.received("/api/auth/logout")).hasSize(logouts + 1);
    assertThat(driver.manage().getCookieNamed("pb_session")).as("session cookie").isNull();
    accessible("the sign-in page asking for a new sign-in before the deletion");

    BACKEND.deleteMeStatus.set(202);
    passwordLoginToDashboard("alice", "Alice");
    openDeleteDialog().sendKeys("alice");
    assertThat(byId("delete-account-reauth").isDisplayed()).isFalse();
    assertThat(byId("delete-account-error").isDisplayed()).isFalse();
    byId("delete-account-submit").click();
    waiting().until(ExpectedConditions.urlContains("/?deleted=1"));
    awaitText("notice", "Your account is deleted.");
    assertThat(accountDeletions()).hasSize(2);
    assertThat(BACKEND.accounts).doesNotContainKey("alice");
  }

  /**
   * A deletion that started but did not finish (503 {@code erasure-incomplete}: the erasure cannot
   * be undone, the account or the sessions were not all done) says so in the dialog's alert,
   * focused, never "Nothing was changed"; the dialog stays open with the typed username and the
   * button usable, and pressing it again finishes the deletion: two requests in all, then the
   * sign-in page's notice.
   */
  @Test
  void aDeletionThatDidNotFinishIsFinishedByPressingAgain() throws Exception {
    BACKEND.reset("NONE");
    BACKEND.deleteMeIncomplete.set(1);
    startBrowser(false);
    passwordLoginToDashboard("alice", "Alice");

    openDeleteDialog().sendKeys("alice");
    byId("delete-account-submit").click();
    awaitText(
        "delete-account-error",
        "Your account is being deleted, but not every step finished."
            + " Press “Delete my account” again to finish.");
    assertThat(byId("delete-account-error").getText()).doesNotContain("Nothing was changed");
    assertThat(byId("delete-account-error").getAttribute("role")).isEqualTo("alert");
    waiting().until(d -> focused().equals("delete-account-error"));
    assertThat(byId("delete-account-dialog").isDisplayed()).isTrue();
    assertThat(byId("delete-account-submit").isEnabled()).isTrue();
    assertThat(byId("delete-account-confirm").getAttribute("value")).isEqualTo("alice");
    assertThat(driver.getCurrentUrl()).contains("/dashboard.html");
    assertThat(driver.manage().getCookieNamed("pb_session")).as("session cookie").isNotNull();
    assertThat(accountDeletions()).hasSize(1);
    accessible("the delete dialog after an erasure that did not finish");

    // the same button again: the service finishes the erasure (202)
    byId("delete-account-submit").click();
    waiting().until(ExpectedConditions.urlContains("/?deleted=1"));
    awaitText("notice", "Your account is deleted.");
    List<Received> deletions = accountDeletions();
    assertThat(deletions).hasSize(2);
    assertThat(deletions).allSatisfy(r -> assertThat(r.header("cookie")).contains("pb_session="));
    assertThat(driver.manage().getCookieNamed("pb_session")).as("session cookie").isNull();
    assertThat(BACKEND.accounts).doesNotContainKey("alice");
    accessible("the sign-in page after the unfinished deletion was finished");
  }

  @Test
  void silentCreationIsAbortedAfterTheConfiguredWaitAndReported() throws Exception {
    BACKEND.reset("CONDITIONAL_CREATE");
    startBrowser(false);
    passwordLoginToDashboard("alice", "Alice");
    Object conditionalCreate =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "PublicKeyCredential.getClientCapabilities().then(c => done(c.conditionalCreate === true));");
    if (Boolean.TRUE.equals(conditionalCreate)) {
      JsonNode outcome =
          body(awaitReceived(BACKEND.passkey, "/api/passkeys/upgrade/outcome", 1).getFirst());
      assertThat(outcome.get("ceremonyId").asString()).isEqualTo("ceremony-1");
      assertThat(outcome.get("errorName").asString()).isEqualTo("AbortError");
      assertThat(byId("upgrade-dialog").isDisplayed()).isFalse();
      // the element's event: a skip after the timeout, not a failure
      waiting().until(d -> !sdkEvents("passbridge:skipped").isEmpty());
      JsonNode skipped = sdkEvents("passbridge:skipped").getFirst();
      assertThat(skipped.at("/detail/reason").asString()).isEqualTo("CONDITIONAL_TIMEOUT");
      assertThat(skipped.at("/detail/errorName").asString()).isEqualTo("AbortError");
      assertThat(sdkEvents("passbridge:error")).isEmpty();
      awaitText(
          "no-passkeys",
          "You have no passkeys yet. After a password sign-in we may offer to create one.");
    } else {
      visible("#upgrade-dialog"); // without the capability: the explainer instead
    }
    assertThat(BACKEND.passkey.received("/api/passkeys/registrations")).isEmpty();
  }

  @Test
  void withoutSilentCreationTheExplainerIsShownAndNotNowIsReportedAsDismissed() throws Exception {
    BACKEND.reset("CONDITIONAL_CREATE");
    startBrowser(true);
    passwordLoginToDashboard("alice", "Alice");
    visible("#upgrade-dialog");
    assertThat(byId("no-passkeys").getAttribute("textContent"))
        .isEqualTo("You have no passkeys yet.");
    byId("upgrade-later").click();
    JsonNode outcome =
        body(awaitReceived(BACKEND.passkey, "/api/passkeys/upgrade/outcome", 1).getFirst());
    assertThat(outcome.get("errorName").asString()).isEqualTo("Dismissed");
    assertThat(BACKEND.passkey.received("/api/passkeys/registrations")).isEmpty();
    waiting().until(d -> !sdkEvents("passbridge:dismissed").isEmpty());
    assertThat(sdkEvents("passbridge:dismissed").getFirst().at("/detail/errorName").asString())
        .isEqualTo("Dismissed");
    assertThat(sdkEvents("passbridge:skipped")).isEmpty();
    awaitText("no-passkeys", "You have no passkeys yet. Your password keeps working.");
    assertThat(byId("upgrade-dialog").isDisplayed()).isFalse();
    // the dialog had the focus: once it closed, the focus is on the passkeys, not lost on the page
    waiting()
        .until(d -> "passkeys-heading".equals(d.switchTo().activeElement().getAttribute("id")));

    // Back: the code page is no longer in the history (it showed "Code accepted" with nothing
    // left to do); the login page sends the signed-in browser on to the dashboard
    driver.navigate().back();
    waiting().until(ExpectedConditions.urlContains("/dashboard.html"));
    awaitText("welcome", "Welcome, Alice");
    assertThat(driver.getCurrentUrl()).doesNotContain("/otp.html");
  }

  /**
   * The prompt answered after a sign-out in another tab of the same browser: the gateway refuses
   * the outcome (401, no session any more), and the tab goes to the sign-in page instead of saying
   * that the password keeps working.
   */
  @Test
  void notNowAfterASignOutInAnotherTabGoesToTheSignInPage() throws Exception {
    BACKEND.reset("CONDITIONAL_CREATE");
    startBrowser(true);
    passwordLoginToDashboard("alice", "Alice");
    visible("#upgrade-dialog");
    String first = driver.getWindowHandle();

    // another tab of the same browser: its own prompt closed with Escape, then Sign out
    driver.switchTo().newWindow(WindowType.TAB);
    driver.get(url("/dashboard.html"));
    awaitText("welcome", "Welcome, Alice");
    if (!driver.findElements(By.cssSelector("#upgrade-dialog[open]")).isEmpty()) {
      driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
      waiting().until(d -> d.findElements(By.cssSelector("#upgrade-dialog[open]")).isEmpty());
    }
    int reported = BACKEND.passkey.received("/api/passkeys/upgrade/outcome").size();
    byId("logout").click();
    waiting().until(ExpectedConditions.urlContains("/?signedOut=1"));
    driver.close();
    driver.switchTo().window(first);

    // the first tab's prompt is still open: "Not now"
    assertThat(byId("upgrade-dialog").isDisplayed()).isTrue();
    byId("upgrade-later").click();
    waiting().until(ExpectedConditions.urlContains("/?signedOut=1"));
    awaitText("notice", "You are signed out.");
    assertThat(BACKEND.passkey.received("/api/passkeys/upgrade/outcome"))
        .as("refused by the gateway: no session")
        .hasSize(reported);
    accessible("the sign-in page after the prompt outlived its session");
  }

  /**
   * The accounts page against the answers auth-service gives (the stand-in's): Enter twice on a
   * name erases nothing (the dialog opens with the focus on Cancel); an administrator's account is
   * refused in the dialog, which stays open; an erasure that answered erasure-incomplete is
   * remembered in the tab and finished by its user id after the dialog was cancelled and the page
   * reloaded; a stale sign-in offers only "Sign in again", which signs out to the sign-in page's
   * notice.
   */
  @Test
  void theAccountsPageTellsEachAnswerAndFinishesAnIncompleteErasureByItsId() throws Exception {
    String carol = "6b1f3d2a-1c4e-4f5a-9b8c-7d6e5f4a3b2c";
    String path = "/api/admin/account-erasures";
    BACKEND.reset("NONE");
    BACKEND.erasable.put("carol", carol);
    BACKEND.erasable.put("dave", "0d2c4b6a-8e1f-4a3b-9c5d-7e6f8a9b0c1d");
    startBrowser(false);
    passwordLoginToDashboard("alice", "Alice");
    driver.findElement(By.linkText("Insights")).click();
    waiting().until(ExpectedConditions.urlContains("/insights.html"));
    driver.findElement(By.linkText("Erasure")).click();
    waiting().until(ExpectedConditions.urlContains("/accounts.html"));
    WebElement name = visible("#username");
    accessible("the accounts page");

    // Enter twice: the dialog opens with the focus on Cancel, and the second Enter cancels
    name.sendKeys("root", Keys.ENTER);
    visible("#erase-dialog");
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("erase-cancel");
    accessible("the erase dialog");
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    waiting().until(d -> !byId("erase-dialog").isDisplayed());
    assertThat(BACKEND.auth.received(path)).isEmpty();
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("username");

    // an administrator's account: refused in the dialog, which stays open with the reason
    byId("erase-open").click();
    visible("#erase-submit").click();
    waiting()
        .until(
            ExpectedConditions.textToBe(
                By.id("erase-error"),
                "This is an administrator’s account: only its owner can delete it, from their"
                    + " dashboard. Nothing was erased."));
    assertThat(byId("erase-dialog").isDisplayed()).isTrue();
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("erase-error");
    byId("erase-cancel").click();

    // started, not finished: the user id is said and remembered; after a reload the same name
    // (in other capitals) is finished by that id, not asked for by name
    BACKEND.erasuresIncomplete.set(1);
    name.clear();
    name.sendKeys("Carol");
    byId("erase-open").click();
    visible("#erase-submit").click();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("erase-error"), "The erasure of user id " + carol + " has started"));
    byId("erase-cancel").click();
    driver.navigate().refresh();
    waiting()
        .until(
            ExpectedConditions.textToBe(
                By.id("notice"),
                "An erasure did not finish. Press “Erase account…” and confirm to finish it."));
    name = visible("#username");
    assertThat(name.getAttribute("value")).isEqualTo("Carol");
    name.clear();
    name.sendKeys("CAROL");
    byId("erase-open").click();
    visible("#erase-submit").click();
    waiting()
        .until(
            ExpectedConditions.textToBe(
                By.id("notice"),
                "The erasure of user id " + carol + " is finished; 1 session ended."));
    var requests = BACKEND.auth.received(path);
    assertThat(requests.get(requests.size() - 1).body())
        .isEqualTo("{\"userId\":\"" + carol + "\"}");
    assertThat(byId("erase-dialog").isDisplayed()).isFalse();

    // a stale sign-in: only "Sign in again", which signs out to the sign-in page's notice
    BACKEND.erasureNeedsSignIn.set(true);
    name.sendKeys("dave");
    byId("erase-open").click();
    visible("#erase-submit").click();
    WebElement again = visible("#erase-reauth");
    assertThat(byId("erase-submit").isDisplayed()).isFalse();
    assertThat(byId("erase-error").getText())
        .startsWith("To erase an account, sign in again first");
    assertThat(driver.switchTo().activeElement()).isEqualTo(again);
    again.click();
    waiting().until(ExpectedConditions.urlContains("/?reauth=erase"));
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("notice"), "Sign in again, then open Insights → Erasure"));
  }

  @Test
  void insightsDrawTheFunnelAndTheDevInboxShowsTheCode() throws Exception {
    BACKEND.reset("NONE");
    BACKEND.passkeys.put("unknown-provider", "");
    BACKEND.providerUnknown.add("unknown-provider");
    startBrowser(false);
    passwordLoginToDashboard("alice", "Alice");

    // a passkey the service knows nothing about reads plainly, not "Passkey / Passkey"
    assertThat(visible(".passkey .passkey-name").getText()).isEqualTo("Passkey");
    assertThat(driver.findElement(By.cssSelector(".passkey .passkey-meta")).getText())
        .isEqualTo("This device only");

    driver.findElement(By.linkText("Insights")).click();
    waiting().until(ExpectedConditions.urlContains("/insights.html"));
    visible("#results");
    assertThat(driver.findElements(By.cssSelector("#chart rect.funnel-bar"))).hasSize(5);
    assertThat(driver.findElements(By.cssSelector("#steps-table tbody tr"))).hasSize(5);
    assertThat(driver.findElement(By.cssSelector("#skips-table tbody tr th")).getText())
        .isEqualTo("HAS_PASSKEY");
    assertThat(driver.findElement(By.cssSelector("#platforms-table tbody tr th")).getText())
        .isEqualTo("Mac OS / Safari");
    assertThat(byId("notice").isDisplayed()).isFalse();
    accessible("the insights page");

    // on a 390px phone: no page-wide horizontal scroll (a wide table scrolls in its own labelled
    // region), the chart drawn at its width so its labels stay readable
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", false));
    waiting()
        .until(
            d ->
                (Boolean)
                    driver.executeScript(
                        "return innerWidth === 390 && document.querySelector('#chart')"
                            + ".viewBox.baseVal.width === document.querySelector('#chart')"
                            + ".getBoundingClientRect().width;"));
    assertThat(
            (Boolean)
                driver.executeScript("return document.documentElement.scrollWidth <= innerWidth;"))
        .as("no horizontal scroll at 390px")
        .isTrue();
    Number labelPx =
        (Number)
            driver.executeScript(
                "const svg = document.getElementById('chart');"
                    + " const label = svg.querySelector('.funnel-label');"
                    + " return parseFloat(getComputedStyle(label).fontSize)"
                    + " * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;");
    assertThat(labelPx.doubleValue()).as("chart label size on screen").isGreaterThanOrEqualTo(12);
    WebElement platforms =
        driver.findElement(By.cssSelector(".table-scroll:has(#platforms-table)"));
    assertThat(platforms.getAttribute("role")).isEqualTo("region");
    assertThat(platforms.getAttribute("aria-labelledby")).isEqualTo("platforms-caption");
    assertThat(byId("logout").getText()).isEqualTo("Sign out");

    // a range running backwards: the field is marked and takes the focus, nothing is asked
    int asked = BACKEND.insights.received("/api/insights/funnel").size();
    driver.executeScript(
        "const set = (id, v) => { const e = document.getElementById(id); e.value = v;"
            + " e.dispatchEvent(new Event('input', {bubbles: true})); };"
            + " set('from', '2026-03-09'); set('to', '2026-03-01');");
    driver.findElement(By.cssSelector("#range-form button[type=submit]")).click();
    awaitText("error", "The first day must not be after the last day.");
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("from");
    assertThat(byId("from").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(byId("from").getAttribute("aria-describedby")).isEqualTo("error");
    assertThat(BACKEND.insights.received("/api/insights/funnel")).hasSize(asked);

    // another range through the form
    driver.executeScript(
        "const set = (id, v) => { const e = document.getElementById(id); e.value = v;"
            + " e.dispatchEvent(new Event('input', {bubbles: true})); };"
            + " set('from', '2026-03-01'); set('to', '2026-03-07');");
    driver.findElement(By.cssSelector("#range-form button[type=submit]")).click();
    waiting()
        .until(
            d ->
                BACKEND.insights.received("/api/insights/funnel").stream()
                    .anyMatch(r -> "from=2026-03-01&to=2026-03-07".equals(r.query())));
    waiting().until(ExpectedConditions.urlContains("?from=2026-03-01&to=2026-03-07"));
    visible("#results");
    assertThat(byId("from").getAttribute("aria-invalid")).isNull();

    // the first load's answer is slow, and the admin asks for another range meanwhile: the answer
    // drawn is the range asked for last, not whichever came last
    BACKEND.funnelSlowOnce.set(true);
    int before = BACKEND.insights.received("/api/insights/funnel").size();
    driver.navigate().refresh();
    awaitReceived(BACKEND.insights, "/api/insights/funnel", before + 1);
    driver.executeScript(
        "const set = (id, v) => { const e = document.getElementById(id); e.value = v;"
            + " e.dispatchEvent(new Event('input', {bubbles: true})); };"
            + " set('from', '2026-01-01'); set('to', '2026-01-07');");
    driver.findElement(By.cssSelector("#range-form button[type=submit]")).click();
    waiting()
        .until(
            ExpectedConditions.textToBe(
                By.cssSelector("#platforms-table tbody tr th"), "Windows / Edge"));
    // the slow answer has come (both requests ended in the page's resource timing)
    waiting()
        .until(
            d ->
                ((Number)
                            driver.executeScript(
                                "return performance.getEntriesByType('resource').filter(e =>"
                                    + " new URL(e.name).pathname === '/api/insights/funnel'"
                                    + " && e.responseEnd > 0).length;"))
                        .intValue()
                    >= 2);
    assertThat(driver.findElement(By.cssSelector("#platforms-table tbody tr th")).getText())
        .as("the older range's late answer is not drawn")
        .isEqualTo("Windows / Edge");

    // signed out from the insights page as from the dashboard
    byId("logout").click();
    waiting().until(ExpectedConditions.urlContains("/?signedOut=1"));
    awaitReceived(BACKEND.auth, "/api/auth/logout", 1);

    // the dev inbox through its own form
    driver.get(url("/dev-sms.html"));
    visible("#login-id").sendKeys(BrowserBackend.LOGIN_ID);
    driver.findElement(By.cssSelector("#lookup-form button[type=submit]")).click();
    awaitText("code", BrowserBackend.CODE);
    assertThat(byId("text").getText()).isEqualTo("Your Passbridge code is " + BrowserBackend.CODE);
    accessible("the dev SMS inbox showing a code");
    assertThat(BACKEND.otp.received("/api/dev/sms").getLast().query())
        .isEqualTo("loginId=" + BrowserBackend.LOGIN_ID);
    waiting().until(ExpectedConditions.urlContains("?loginId=" + BrowserBackend.LOGIN_ID));

    // a login id the service refuses (400) is the input's fault, not an outage
    driver.get(url("/dev-sms.html?loginId=not*a*login*id"));
    awaitText("error", "This login id is not valid.");
    assertThat(byId("login-id").getAttribute("aria-invalid")).isEqualTo("true");
  }

  /**
   * The web SDK as other origins load it: served at /sdk/v1/ with a JavaScript or CSS type, a cache
   * lifetime, and a resource policy that lets other origins embed it; the hosted page defines its
   * three elements from it.
   */
  @Test
  void theSdkIsServedAtSdkV1AndTheHostedPagesDefineItsElements() throws Exception {
    BACKEND.reset("NONE");
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (var file :
          Map.of(
                  "passbridge.js", "javascript",
                  "elements.mjs", "javascript",
                  "webauthn.mjs", "javascript",
                  "passbridge.css", "text/css",
                  "passkey.svg", "image/svg+xml")
              .entrySet()) {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url("/sdk/v1/" + file.getKey()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(file.getKey()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
            .as(file.getKey())
            .contains(file.getValue());
        assertThat(response.headers().firstValue("Cache-Control").orElse(""))
            .contains("max-age=3600");
        assertThat(response.headers().firstValue("Cross-Origin-Resource-Policy"))
            .hasValue("cross-origin");
      }
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(URI.create(url("/sdk/v1/nothing.js"))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
    }
    startBrowser(false);
    driver.get(url("/"));
    visible("passbridge-login .pb-login-button");
    assertThat(
            driver.executeScript(
                "return ['passbridge-append', 'passbridge-login', 'passbridge-passkey-list']"
                    + ".map((n) => typeof customElements.get(n)).join();"))
        .isEqualTo("function,function,function");
    assertThat(byId("username").getAttribute("autocomplete")).isEqualTo("username webauthn");
    assertThat(
            driver.findElements(
                By.cssSelector("link[rel=stylesheet][href$='/sdk/v1/passbridge.css']")))
        .hasSize(1);
  }

  /**
   * A passkey the service no longer knows: the SDK's passkey login gets {@code unknown-credential},
   * calls {@code PublicKeyCredential.signalUnknownCredential({rpId, credentialId})}, and the
   * virtual authenticator drops the credential; the page says why and keeps the password login.
   */
  @Test
  void aPasskeyTheServiceNoLongerKnowsIsSignalledAwayFromTheAuthenticator() throws Exception {
    BACKEND.reset("NONE");
    BACKEND.loginUnknown.set(true);
    startBrowser(false);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    byte[] id = "gone-credential-0001".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    authenticator.addCredential(
        Credential.createResidentCredential(
            id,
            "localhost",
            new java.security.spec.PKCS8EncodedKeySpec(
                generator.generateKeyPair().getPrivate().getEncoded()),
            java.util.Base64.getUrlDecoder().decode(BrowserBackend.USER_HANDLE),
            0));
    assertThat(authenticator.getCredentials()).hasSize(1);

    driver.get(url("/"));
    // the autofill offers the credential and the virtual authenticator picks it by itself
    JsonNode assertion = body(awaitReceived(BACKEND.passkey, "/api/passkeys/login", 1).getFirst());
    String credentialId = assertion.at("/credential/id").asString();
    assertThat(credentialId)
        .isEqualTo(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id));
    awaitText("error", "This passkey is no longer registered here. Sign in with your password.");
    waiting().until(d -> !signals("signalUnknownCredential").isEmpty());
    JsonNode unknown = signals("signalUnknownCredential").getFirst();
    assertThat(unknown.get("rpId").asString()).isEqualTo("localhost");
    assertThat(unknown.get("credentialId").asString()).isEqualTo(credentialId);
    waiting().until(d -> authenticator.getCredentials().isEmpty());
    JsonNode error = sdkEvents("passbridge:error").getFirst();
    assertThat(error.at("/detail/code").asString()).isEqualTo("unknown-credential");
    assertThat(error.at("/detail/stage").asString()).isEqualTo("login");
    assertThat(sdkEvents("passbridge:login")).isEmpty();
    assertThat(BACKEND.auth.received("/api/auth/session")).isEmpty();
    assertThat(byId("submit").isEnabled()).isTrue();
    assertThat(driver.getCurrentUrl()).doesNotContain("/dashboard.html");
  }

  /**
   * The collector itself: the pages' own code made to throw (a broken browser API under it), a
   * rejected promise nobody handles, a CSP violation, and a script evaluated from outside.
   */
  @Test
  void theErrorCollectorSeesUncaughtErrorsRejectionsAndCspViolations() throws Exception {
    BACKEND.reset("NONE");
    startBrowser(false);
    driver.get(url("/dev-sms.html"));
    visible("#login-id");
    assertThat(pageErrors.all()).isEmpty();
    pageErrorsExpected = true;

    // dev-sms.mjs's submit handler throws
    driver.executeScript("history.replaceState = null;");
    byId("login-id").sendKeys(BrowserBackend.LOGIN_ID);
    driver.findElement(By.cssSelector("#lookup-form button[type=submit]")).click();
    waiting()
        .until(
            d ->
                pageErrors.all().stream()
                    .anyMatch(
                        e ->
                            e.startsWith(
                                "uncaught error: TypeError: history.replaceState is not a function")));

    // insights.mjs's async show() rejects and nobody catches it
    driver.get(url("/insights.html"));
    visible("#error");
    driver.executeScript("window.URLSearchParams = null;");
    driver.findElement(By.cssSelector("#range-form button[type=submit]")).click();
    waiting()
        .until(
            d ->
                pageErrors.all().stream()
                    .anyMatch(
                        e ->
                            e.startsWith(
                                "unhandled rejection: TypeError: URLSearchParams is not a constructor")));

    // an inline script under the CSP, and an error thrown by a script evaluated from outside
    driver.executeScript(
        "const s = document.createElement('script'); s.textContent = 'void 0';"
            + " document.head.append(s);"
            + " setTimeout(() => { throw new Error('collector-proof-throw'); });");
    waiting()
        .until(
            d -> {
              String all = String.join("\n", pageErrors.all());
              return all.contains("CSP violation: script-src")
                  && all.contains("Uncaught Error: collector-proof-throw");
            });

    // what was seen stays seen across a navigation in the tab
    driver.get(url("/register.html"));
    visible("#username");
    assertThat(String.join("\n", pageErrors.all()))
        .contains("uncaught error: TypeError: history.replaceState is not a function")
        .contains("/js/pages/dev-sms.mjs:")
        .contains("unhandled rejection: TypeError: URLSearchParams is not a constructor")
        .contains("CSP violation: script-src-elem blocked inline (/insights.html)");
  }
}
