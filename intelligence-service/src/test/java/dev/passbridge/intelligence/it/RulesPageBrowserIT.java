package dev.passbridge.intelligence.it;

import static dev.passbridge.intelligence.Fixtures.ALL_CAPABILITIES;
import static dev.passbridge.intelligence.Fixtures.ANDROID_CHROME_141;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.RulesChanged;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.serde.EventDeserializer;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.platform.kafka.EventPublisher;
import dev.passbridge.testsupport.TestInfrastructure;
import dev.passbridge.testsupport.browser.Accessibility;
import dev.passbridge.testsupport.browser.HeadlessChrome;
import dev.passbridge.testsupport.browser.PageErrors;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rollout brake end to end and the rules admin page ({@code gateway}'s {@code rules.html})
 * against this service, in headless Chromium: conditional decisions and their failures go through
 * the embedded broker until the brake turns silent create off on Android/Chrome (an audit event on
 * {@code passbridge.intelligence.rules-changed.v1}); then an admin sees that on the page, raises it
 * again, adds a kill switch for a version range, changes a cooldown and the prompt limit, previews
 * the decision for two platforms, gets a refused value pointed out, saves with a reason, and is
 * stopped from overwriting a change made meanwhile, and removes rows (the focus stays on the
 * table). Every step is done on the page; the page as loaded and with a row added passes axe-core's
 * WCAG A/AA rules ({@link Accessibility}).
 *
 * <p>The page is served from the gateway module's static files by this service (same origin as the
 * API, as behind the gateway) with the gateway's Content-Security-Policy, so a CSP violation or a
 * script error fails the test ({@link PageErrors}). Skipped when Chromium is not installed.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "spring.config.name=intelligence-service",
      "spring.application.name=intelligence-rules-page-it",
      "passbridge.intelligence.instance-id=none",
      "passbridge.intelligence.rules-topic=intelligence-rules-page-it-rules",
      "passbridge.intelligence.funnel-topic=intelligence-rules-page-it-funnel",
      "passbridge.intelligence.brake.min-sample=4",
      "passbridge.intelligence.brake.threshold=0.5",
      "passbridge.intelligence.brake.window=1h",
      "spring.web.resources.static-locations=file:../gateway/src/main/resources/static/,file:../web-sdk/src/main/resources/META-INF/resources/",
      "logging.structured.format.console="
    })
@Import({TestSessions.class, RulesPageBrowserIT.GatewayHeaders.class})
@DirtiesContext
class RulesPageBrowserIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int PORT = TestInfrastructure.freePort();
  private static final Path STATE_DIR = tempDir();

  /** The gateway's policy (gateway's {@code SecurityHeaders.DEFAULT_CSP}), on every answer. */
  static final String GATEWAY_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
          + "object-src 'none'";

  @TestConfiguration(proxyBeanMethods = false)
  static class GatewayHeaders {
    @Bean
    FilterRegistrationBean<Filter> gatewayCsp() {
      Filter filter =
          (request, response, chain) -> {
            ((HttpServletResponse) response).setHeader("Content-Security-Policy", GATEWAY_CSP);
            chain.doFilter(request, response);
          };
      return new FilterRegistrationBean<>(filter);
    }
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerKafka(registry);
    TestInfrastructure.registerRedis(registry);
    registry.add("passbridge.intelligence.state-dir", STATE_DIR::toString);
    registry.add("server.port", () -> PORT);
    registry.add("passbridge.web.allowed-origins", () -> "http://localhost:" + PORT);
  }

  static DecisionListener decisions;

  @Autowired EventPublisher events;
  @Autowired StreamsBuilderFactoryBean streams;
  @Autowired MeterRegistry meters;

  final HttpClient http = HttpClient.newHttpClient();
  final UUID admin = UUID.randomUUID();
  final String token = TestSessions.token(admin, List.of("user", "admin"));
  ChromeDriver driver;
  ChromeDriverService service;
  PageErrors pageErrors;

  @BeforeAll
  static void listen() {
    decisions = new DecisionListener(TestInfrastructure.kafkaBootstrapServers());
  }

  @AfterAll
  static void stopListening() {
    decisions.close();
  }

  @AfterEach
  void noPageErrorsThenQuit() {
    try {
      if (pageErrors != null) {
        assertThat(pageErrors.all()).as("page errors and CSP violations").isEmpty();
      }
    } finally {
      HeadlessChrome.quit(driver, service);
    }
  }

  @Test
  void theBrakeTurnsSilentCreateOffAndAnAdminSeesItRaisesItAgainAndEditsTheRulesOnThePage()
      throws Exception {
    awaitRunning();
    long before = rules().path("version").asLong();
    assertThat(before).isZero();

    // --- the brake, end to end: 4 silent creates on Android/Chrome 141, 2 of them fail
    List<Login> logins = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Login login = login();
      assertThat(outcome(login.decision())).isEqualTo("CONDITIONAL");
      logins.add(login);
    }
    for (int i = 0; i < 2; i++) {
      events.publishAndWait(
          Fixtures.upgradeFailed(
              logins.get(i).user(),
              logins.get(i).loginId(),
              UpgradeMode.CONDITIONAL,
              "NotAllowedError",
              ANDROID_CHROME_141,
              Instant.now()));
    }
    JsonNode braked = awaitRules(r -> r.path("version").asLong() == 1);
    assertThat(braked.path("changedBy").asString()).isEqualTo("automatic-brake");
    assertThat(braked.path("reason").asString())
        .contains("silent create on Android/Chrome 141")
        .contains("2 of 4 silent creates failed (50.0%, threshold 50.0%, minimum sample 4)");
    assertThat(
            braked.path("rules").path("platformRollouts").get(0).path("conditionalPercent").asInt())
        .isZero();
    RulesChanged brakeEvent = awaitAudit(e -> e.kind().equals(RulesChanged.AUTOMATIC_BRAKE));
    assertThat(brakeEvent.version()).isEqualTo(1);
    assertThat(brakeEvent.userId()).isEqualTo(RulesChanged.AUTOMATIC);
    assertThat(brakeEvent.reason()).isEqualTo(braked.path("reason").asString());
    assertThat(
            meters
                .get("passbridge.intelligence.rollout.brakes")
                .tag("platform", "Android/Chrome")
                .counter()
                .count())
        .isEqualTo(1.0);
    // silent create is off on that platform: the prompt instead
    assertThat(outcome(login().decision())).isEqualTo("PROMPT");

    // --- the admin page
    startBrowser();
    // signed out first: the page says so; then with the admin's session cookie
    driver.get(url("/rules.html"));
    awaitText("error", "Please sign in with an admin account first.");
    driver.manage().addCookie(new Cookie("pb_session", token));
    driver.navigate().refresh();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("meta"), "Version 1, changed by the automatic brake on "));
    assertThat(byId("last-reason").getText()).contains("2 of 4 silent creates failed");
    List<WebElement> changes = driver.findElements(By.cssSelector("#changes tbody tr"));
    assertThat(changes).hasSize(1);
    assertThat(changes.getFirst().getAttribute("class")).isEqualTo("automatic");
    assertThat(changes.getFirst().getText())
        .contains("Automatic brake")
        .contains("the automatic brake")
        .contains("platformRollouts[Android/Chrome]");
    assertThat(byId("rollout-0-os").getAttribute("value")).isEqualTo("Android");
    assertThat(byId("rollout-0-browser").getAttribute("value")).isEqualTo("Chrome");
    assertThat(byId("rollout-0-conditional").getAttribute("value")).isEqualTo("0");
    assertThat(byId("prompt-cooldown").getAttribute("value")).as("shown in days").isEqualTo("P30D");
    assertThat(byId("logout").getText()).isEqualTo("Sign out");
    // the link to the insights page has the name the dashboard gives it
    assertThat(driver.findElement(By.linkText("Insights")).getAttribute("href"))
        .endsWith("/insights.html");
    Accessibility.assertNoViolations(driver, "the rules page as admin");

    // saving what was loaded is nothing to save: no new version with an empty change list
    type("prompt-cooldown", "PT720H"); // the same 30 days, written otherwise
    byId("save").click();
    awaitText("notice", "Nothing to save: the rules are as loaded (version 1).");
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("notice");
    assertThat(rules().path("version").asLong()).isEqualTo(1);

    // a person raises it again, sets the default rollout, adds a kill switch for 137.0-137.9
    type("rollout-0-conditional", "100");
    type("rollout-default", "80");
    byId("add-kill").click();
    type("kill-0-os", "Android");
    type("kill-0-browser", "Chrome");
    type("kill-0-from", "137.0");
    type("kill-0-to", "137.9");
    type("kill-0-note", "crashes in the create sheet");
    type("max-prompts", "2");
    Accessibility.assertNoViolations(driver, "the rules page with a kill switch added");

    // preview before saving: Chrome 137.5 is switched off, Chrome 141 gets the silent create
    type("p-browser-version", "137.5");
    byId("preview").click();
    awaitText("preview-outcome", "Chrome 137.5 on Android 15: no upgrade (PLATFORM_BLOCKED).");
    assertThat(driver.findElement(By.cssSelector("#preview-trace tbody")).getText())
        .contains("platform-not-blocked failed")
        .contains("137.0-137.9")
        .contains("crashes in the create sheet");
    // a browser version the service cannot read is refused on its field, before asking
    type("p-browser-version", "not-a-version");
    byId("preview").click();
    awaitText(
        "p-browser-version-error",
        "Browser version: digits separated by dots, like 141.0 (or empty when unknown).");
    assertThat(byId("p-browser-version").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(byId("p-browser-version").getAttribute("aria-describedby"))
        .isEqualTo("p-browser-version-error");
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("p-browser-version");
    assertThat(byId("preview-outcome").isDisplayed()).isFalse();
    assertThat(byId("preview-trace").isDisplayed()).isFalse();
    type("p-browser-version", "141.0");
    byId("preview").click();
    awaitText(
        "preview-outcome", "Chrome 141.0 on Android 15: a silent passkey create (CONDITIONAL).");
    assertThat(rules().path("version").asLong()).as("a preview stores nothing").isEqualTo(1);

    // a value out of range is refused, pointed at, and nothing is stored
    type("prompt-cooldown", "P9999D");
    byId("save").click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(byId("error").getText()).contains("promptCooldown").contains("3650 days");
    assertThat(byId("prompt-cooldown").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(rules().path("version").asLong()).isEqualTo(1);

    // fixed, saved with a reason
    type("prompt-cooldown", "P20D");
    type(
        "reason",
        "Chrome 137 crashes in the sheet; silent create on 141 checked again; trace "
            + "0123456789abcdef".repeat(20));
    byId("save").click();
    awaitText("notice", "Saved: version 2 is in force.");
    assertThat(driver.switchTo().activeElement().getAttribute("id"))
        .as("the focus after saving (the Save button was disabled meanwhile)")
        .isEqualTo("notice");
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("meta"), "Version 2, changed by admin " + admin + " on "));
    List<WebElement> rows = driver.findElements(By.cssSelector("#changes tbody tr"));
    assertThat(rows).hasSize(2);
    assertThat(rows.getFirst().getText())
        .contains("Edited")
        .contains("Chrome 137 crashes in the sheet")
        .contains("promptCooldown: \"PT720H\" -> \"PT480H\"");
    JsonNode saved = rules();
    assertThat(saved.path("version").asLong()).isEqualTo(2);
    JsonNode savedRules = saved.path("rules");
    assertThat(savedRules.path("rolloutPercent").asInt()).isEqualTo(80);
    assertThat(savedRules.path("maxPrompts").asInt()).isEqualTo(2);
    assertThat(savedRules.path("platformRollouts").get(0).path("conditionalPercent").asInt())
        .isEqualTo(100);
    JsonNode kill = savedRules.path("blockedPlatforms").get(0);
    assertThat(kill.path("fromBrowserVersion").asString()).isEqualTo("137.0");
    assertThat(kill.path("toBrowserVersion").asString()).isEqualTo("137.9");
    RulesChanged adminEvent = awaitAudit(e -> e.version() == 2 && e.userId().equals(admin));
    assertThat(adminEvent.kind()).isEqualTo(RulesChanged.ADMIN_REPLACE);
    assertThat(adminEvent.changedBy()).isEqualTo(admin.toString());
    assertThat(adminEvent.reason()).startsWith("Chrome 137 crashes");
    assertThat(adminEvent.before()).contains("\"conditionalPercent\":0");
    assertThat(adminEvent.after()).contains("\"conditionalPercent\":100");
    // raised again by the person: silent create is back on Android/Chrome
    assertThat(outcome(login().decision())).isEqualTo("CONDITIONAL");

    // someone else changes the rules meanwhile (a real change: the same rules saved again are no
    // change and no new version): this page's save is refused, not applied over it
    String elsewhere =
        savedRules.toString().replace("\"rolloutPercent\":80", "\"rolloutPercent\":79");
    assertThat(elsewhere).isNotEqualTo(savedRules.toString());
    HttpResponse<String> other =
        send(
            HttpRequest.newBuilder(URI.create(url("/api/insights/rules")))
                .header("Content-Type", "application/json")
                .header("Origin", "http://localhost:" + PORT)
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"rules\":" + elsewhere + ",\"reason\":\"elsewhere\"}")));
    assertThat(other.statusCode()).isEqualTo(200);
    type("max-prompts", "1");
    byId("save").click();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("error"), "The rules changed while you were editing (now version 3)."));
    assertThat(rules().path("rules").path("maxPrompts").asInt()).isEqualTo(2);
    byId("reload").click();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("meta"), "Version 3, changed by admin "));
    assertThat(driver.findElements(By.cssSelector("#changes tbody tr"))).hasSize(3);

    // on a 390px phone, with the long unbroken reason in the recent changes and rows added: the
    // page never scrolls sideways
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", false));
    waiting().until(d -> (Boolean) driver.executeScript("return innerWidth === 390;"));
    assertThat(noHorizontalScroll()).as("no horizontal scroll at 390px").isTrue();
    byId("add-rollout").click();
    byId("add-kill").click();
    assertThat(noHorizontalScroll()).as("no horizontal scroll at 390px, rows added").isTrue();
    assertThat(byId("rollout-1-os").getRect().getWidth()).isGreaterThan(100);

    // Remove takes its button away: the focus goes to the next row's Remove, else the previous
    // row's, else the table's Add button (not to the page's body)
    removeButton("#rollouts", 1).click();
    assertThat(driver.findElements(By.cssSelector("#rollouts tbody tr"))).hasSize(1);
    assertThat(focused()).isEqualTo("button in rollouts row 1");
    assertThat(byId("rollout-0-os").getAttribute("value")).as("renumbered").isEmpty();
    removeButton("#kills", 2).click();
    assertThat(focused()).isEqualTo("button in kills row 1");
    removeButton("#kills", 1).click();
    assertThat(driver.findElements(By.cssSelector("#kills tbody tr"))).isEmpty();
    assertThat(focused()).isEqualTo("add-kill");
  }

  /** The Remove button of a table's row (1 is the first). */
  WebElement removeButton(String table, int row) {
    return driver.findElement(By.cssSelector(table + " tbody tr:nth-child(" + row + ") button"));
  }

  /** The focused element: "button in TABLE row N" in a table's rows, else its id or tag name. */
  String focused() {
    return (String)
        driver.executeScript(
            "const e = document.activeElement; const row = e.closest('tbody tr');"
                + " return row ? e.localName + ' in ' + row.closest('table').id + ' row '"
                + "  + (row.sectionRowIndex + 1) : e.id || e.localName;");
  }

  boolean noHorizontalScroll() {
    return (Boolean)
        driver.executeScript("return document.documentElement.scrollWidth <= innerWidth;");
  }

  // --- helpers ---------------------------------------------------------------------------------

  record Login(UUID user, String loginId, PassbridgeEvent decision) {}

  Login login() {
    UUID user = UUID.randomUUID();
    String loginId = Fixtures.loginId();
    Instant now = Instant.now();
    events.publishAndWait(
        Fixtures.password(user, loginId, true, ALL_CAPABILITIES, ANDROID_CHROME_141, now));
    events.publishAndWait(Fixtures.otpVerified(user, loginId, now.plusMillis(100)));
    return new Login(user, loginId, decisions.awaitDecision(loginId));
  }

  static String outcome(PassbridgeEvent decision) {
    return switch (decision) {
      case PasskeyEligible e -> e.mode().name();
      case PasskeyUpgradeSkipped s -> s.reason();
      default -> throw new AssertionError(decision);
    };
  }

  void awaitRunning() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      KafkaStreams kafkaStreams = streams.getKafkaStreams();
      if (kafkaStreams != null && kafkaStreams.state() == KafkaStreams.State.RUNNING) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Kafka Streams did not reach RUNNING");
  }

  String url(String path) {
    return "http://localhost:" + PORT + path;
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    request.header("Cookie", "pb_session=" + token);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode rules() {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(URI.create(url("/api/insights/rules"))).GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  JsonNode awaitRules(Predicate<JsonNode> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode last = rules();
    while (!condition.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the rules did not change as expected: " + last);
      }
      Thread.sleep(100);
      last = rules();
    }
    return last;
  }

  /** The first audit event on the topic (read from its beginning) that matches. */
  static RulesChanged awaitAudit(Predicate<RulesChanged> condition) {
    try (KafkaConsumer<String, PassbridgeEvent> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "audit-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new EventDeserializer())) {
      consumer.subscribe(List.of(Topics.RULES_CHANGED.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() instanceof RulesChanged changed
              && changed.occurredAt().isAfter(STARTED)
              && condition.test(changed)) {
            return changed;
          }
        }
      }
    }
    throw new AssertionError("no matching RulesChanged event");
  }

  static final Instant STARTED = Instant.now();

  void startBrowser() throws IOException {
    HeadlessChrome.assumeAvailable();
    service = HeadlessChrome.service(Path.of("target", "tmp-chromium"));
    driver = new ChromeDriver(service, HeadlessChrome.options(1200, 900));
    pageErrors = PageErrors.install(driver);
  }

  WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    wait.withMessage(
        () ->
            "\n--- #error: "
                + driver.findElement(By.id("error")).getText()
                + "\n--- #notice: "
                + driver.findElement(By.id("notice")).getText()
                + "\n--- page errors: "
                + pageErrors.all());
    return wait;
  }

  WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  void type(String id, String text) {
    WebElement field = waiting().until(ExpectedConditions.elementToBeClickable(By.id(id)));
    field.clear();
    field.sendKeys(text);
  }

  void awaitText(String id, String text) {
    waiting().until(ExpectedConditions.textToBe(By.id(id), text));
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("intelligence-rules-page-it");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
