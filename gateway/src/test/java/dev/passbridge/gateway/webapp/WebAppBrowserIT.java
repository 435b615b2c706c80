package dev.passbridge.gateway.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.passbridge.gateway.support.StubService.Received;
import dev.passbridge.testsupport.TestInfrastructure;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web app in headless Chromium through the real gateway, against stub services: password + OTP
 * login, the upgrade (explainer and modal create with a virtual authenticator, silent create
 * aborted after the configured wait, "Not now"), the passkey login by autofill, insights and the
 * dev inbox. Every page must run without a script error or a CSP violation. Skipped when Chromium
 * and its driver are not installed.
 */
@ActiveProfiles("local")
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "spring.config.name=gateway",
      "management.server.port=0",
      "passbridge.gateway.rate-limit.key-prefix=gw:rl:it-browser:",
      "passbridge.web-app.conditional-create-timeout=1500ms",
      "logging.structured.format.console=",
    })
class WebAppBrowserIT {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final BrowserBackend BACKEND = new BrowserBackend();

  /** A fixed port, so the page's Origin (http://localhost:PORT) can be in the allowlist. */
  private static final int PORT = TestInfrastructure.freePort();

  @LocalServerPort int port;
  private ChromeDriver driver;
  private ChromeDriverService service;
  private org.openqa.selenium.virtualauthenticator.VirtualAuthenticator authenticator;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerRedis(registry);
    BACKEND.register(registry);
    registry.add("server.port", () -> PORT);
    registry.add("passbridge.web.allowed-origins", () -> "http://localhost:" + PORT);
  }

  @BeforeAll
  static void needsChromium() {
    assumeTrue(
        CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
        "Chromium and chromedriver are not installed: browser tests skipped");
  }

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
  }

  private void startBrowser(boolean hideConditionalCreate) throws Exception {
    Path tmp = Files.createDirectories(Path.of("target", "tmp-chromium"));
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .withEnvironment(Map.of("TMPDIR", tmp.toAbsolutePath().toString()))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-sync",
        "--disable-background-networking",
        "--disable-component-update",
        "--window-size=390,844");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    if (hideConditionalCreate) {
      driver.executeCdpCommand(
          "Page.addScriptToEvaluateOnNewDocument",
          Map.of(
              "source",
              "const g=PublicKeyCredential.getClientCapabilities.bind(PublicKeyCredential);"
                  + "PublicKeyCredential.getClientCapabilities=async()=>({...(await g()),conditionalCreate:false});"));
    }
    authenticator =
        driver.addVirtualAuthenticator(
            new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
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
    driver
        .manage()
        .logs()
        .get(LogType.BROWSER)
        .getAll()
        .forEach(
            entry ->
                text.append("\n--- console ")
                    .append(entry.getLevel())
                    .append(": ")
                    .append(entry.getMessage()));
    return text.toString();
  }

  private WebElement visible(String css) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private static JsonNode body(Received request) {
    return JSON.readTree(request.body());
  }

  private List<Received> awaitReceived(
      dev.passbridge.gateway.support.StubService stub, String path, int count) {
    waiting().until(d -> stub.received(path).size() >= count);
    return stub.received(path);
  }

  /** Script errors and CSP violations; network answers with 4xx (expected in places) are not. */
  private List<String> pageErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> !message.contains("Failed to load resource"))
        .toList();
  }

  private void passwordLoginToDashboard() {
    driver.get(url("/"));
    visible("#username").sendKeys("alice");
    driver.findElement(By.id("password")).sendKeys("passbridge-alice-1");
    driver.findElement(By.id("submit")).click();
    waiting().until(ExpectedConditions.urlContains("/otp.html"));
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("sent-to"), "+49******0001"));
    assertThat(visible("#dev-inbox-link").getAttribute("href"))
        .endsWith("/dev-sms.html?loginId=" + BrowserBackend.LOGIN_ID);

    WebElement code = driver.findElement(By.id("code"));
    code.sendKeys("000000");
    driver.findElement(By.id("submit")).click();
    assertThat(visible("#error").getText()).isEqualTo("That code is not right. 4 attempts left.");
    assertThat(visible("#attempts").getText()).isEqualTo("4 attempts left.");
    code.clear();
    code.sendKeys("123 456");
    driver.findElement(By.id("submit")).click();
    waiting().until(ExpectedConditions.urlContains("/dashboard.html"));
    waiting().until(ExpectedConditions.textToBe(By.id("welcome"), "Welcome, Alice"));
  }

  @Test
  void passwordLoginThenPromptedPasskeyThenPasskeyLoginByAutofill() throws Exception {
    BACKEND.reset("PROMPT");
    startBrowser(false);
    passwordLoginToDashboard();

    JsonNode login = body(BACKEND.auth.received("/api/auth/login").getFirst());
    assertThat(login.get("username").asString()).isEqualTo("alice");
    assertThat(login.get("password").asString()).isEqualTo("passbridge-alice-1");
    assertThat(login.at("/client/autofilled").asBoolean()).isFalse(); // typed
    assertThat(login.at("/client/capabilities").isObject()).isTrue();
    assertThat(login.at("/client/capabilities/conditionalGet").isBoolean()).isTrue();
    assertThat(login.at("/client/hints/Sec-CH-UA-Platform").asString()).startsWith("\"");
    JsonNode verify = body(BACKEND.otp.received("/api/otp/verify").getLast());
    assertThat(verify.get("code").asString()).isEqualTo("123456");
    assertThat(verify.get("loginId").asString()).isEqualTo(BrowserBackend.LOGIN_ID);

    // PROMPT: the explainer, then a modal create on the virtual authenticator
    visible("#upgrade-dialog");
    driver.findElement(By.id("upgrade-create")).click();
    JsonNode registration =
        body(awaitReceived(BACKEND.passkey, "/api/passkeys/registrations", 1).getFirst());
    assertThat(registration.get("ceremonyId").asString()).isEqualTo("ceremony-1");
    assertThat(registration.at("/credential/type").asString()).isEqualTo("public-key");
    assertThat(registration.at("/credential/response/attestationObject").asString()).isNotBlank();
    assertThat(registration.at("/credential/response/clientDataJSON").asString()).isNotBlank();
    assertThat(registration.at("/credential/clientExtensionResults/credProps/rk").asBoolean())
        .isTrue();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("notice"), "Your passkey is ready"));
    assertThat(visible(".passkey .passkey-provider").getText())
        .isEqualTo("Google Password Manager");
    assertThat(driver.findElement(By.cssSelector(".passkey .passkey-kind")).getText())
        .isEqualTo("Synced");
    assertThat(BACKEND.passkey.received("/api/passkeys/upgrade/outcome")).isEmpty();

    // the Signal API call with the server's list keeps the new credential in the authenticator
    assertThat(authenticator.getCredentials()).hasSize(1);

    // sign out; the passkey offered in the username field's autofill signs in by itself
    driver.findElement(By.id("logout")).click();
    // (the login page may pass by too fast to be seen: the autofill resolves at once)
    awaitReceived(BACKEND.auth, "/api/auth/logout", 1);
    JsonNode assertion = body(awaitReceived(BACKEND.passkey, "/api/passkeys/login", 1).getFirst());
    assertThat(assertion.get("ceremonyId").asString()).isEqualTo("login-ceremony");
    assertThat(assertion.at("/credential/response/signature").asString()).isNotBlank();
    assertThat(assertion.at("/credential/response/userHandle").asString())
        .isEqualTo(BrowserBackend.USER_HANDLE);
    waiting().until(ExpectedConditions.urlContains("/dashboard.html"));
    assertThat(BACKEND.passkey.received("/api/passkeys/upgrade")).hasSize(1); // no upgrade now

    // rename
    visible(".passkey .rename").click();
    WebElement name = visible(".passkey .rename-input");
    name.clear();
    name.sendKeys("My laptop");
    driver.findElement(By.cssSelector(".passkey .rename-form button[type=submit]")).click();
    waiting()
        .until(ExpectedConditions.textToBe(By.cssSelector(".passkey .passkey-name"), "My laptop"));

    // delete: the list is empty and the Signal API removes the passkey from the authenticator
    driver.findElement(By.cssSelector(".passkey .delete")).click();
    visible("#delete-dialog button[value=delete]").click();
    visible("#no-passkeys");
    waiting().until(d -> authenticator.getCredentials().isEmpty());
    assertThat(pageErrors()).isEmpty();
  }

  @Test
  void silentCreationIsAbortedAfterTheConfiguredWaitAndReported() throws Exception {
    BACKEND.reset("CONDITIONAL_CREATE");
    startBrowser(false);
    passwordLoginToDashboard();
    Object conditionalCreate =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "PublicKeyCredential.getClientCapabilities().then(c => done(c.conditionalCreate === true));");
    if (Boolean.TRUE.equals(conditionalCreate)) {
      JsonNode outcome =
          body(awaitReceived(BACKEND.passkey, "/api/passkeys/upgrade/outcome", 1).getFirst());
      assertThat(outcome.get("ceremonyId").asString()).isEqualTo("ceremony-1");
      assertThat(outcome.get("errorName").asString()).isEqualTo("AbortError");
      assertThat(driver.findElement(By.id("upgrade-dialog")).isDisplayed()).isFalse();
    } else {
      visible("#upgrade-dialog"); // without the capability: the explainer instead
    }
    assertThat(BACKEND.passkey.received("/api/passkeys/registrations")).isEmpty();
    assertThat(pageErrors()).isEmpty();
  }

  @Test
  void withoutSilentCreationTheExplainerIsShownAndNotNowIsReportedAsDismissed() throws Exception {
    BACKEND.reset("CONDITIONAL_CREATE");
    startBrowser(true);
    passwordLoginToDashboard();
    visible("#upgrade-dialog");
    driver.findElement(By.id("upgrade-later")).click();
    JsonNode outcome =
        body(awaitReceived(BACKEND.passkey, "/api/passkeys/upgrade/outcome", 1).getFirst());
    assertThat(outcome.get("errorName").asString()).isEqualTo("Dismissed");
    assertThat(BACKEND.passkey.received("/api/passkeys/registrations")).isEmpty();
    assertThat(visible("#no-passkeys").getText()).contains("no passkeys yet");
    assertThat(pageErrors()).isEmpty();
  }

  @Test
  void insightsDrawTheFunnelAndTheDevInboxShowsTheCode() throws Exception {
    BACKEND.reset("NONE");
    startBrowser(false);
    passwordLoginToDashboard();
    driver.get(url("/insights.html"));
    visible("#results");
    assertThat(driver.findElements(By.cssSelector("#chart rect.funnel-bar"))).hasSize(5);
    assertThat(driver.findElements(By.cssSelector("#steps-table tbody tr"))).hasSize(5);
    assertThat(driver.findElement(By.cssSelector("#skips-table tbody tr th")).getText())
        .isEqualTo("HAS_PASSKEY");
    assertThat(driver.findElement(By.cssSelector("#platforms-table tbody tr th")).getText())
        .isEqualTo("Mac OS / Safari");

    driver.get(url("/dev-sms.html?loginId=" + BrowserBackend.LOGIN_ID));
    waiting().until(ExpectedConditions.textToBe(By.id("code"), "123456"));
    assertThat(BACKEND.otp.received("/api/dev/sms").getFirst().query())
        .isEqualTo("loginId=" + BrowserBackend.LOGIN_ID);
    assertThat(pageErrors()).isEmpty();
  }
}
