package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.RulesChanged;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.system.Journeys.User;
import dev.passbridge.testsupport.EventCapture;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The upgrade rules admin page ({@code rules.html}) through the real system: the gateway serves it
 * with its real Content-Security-Policy and routes its API calls to intelligence-service. The admin
 * signs in on the login and OTP pages (the code from the dev SMS inbox page), goes from the
 * insights page to the rules page, sees the version in force and who changed it, adds a platform
 * rollout and a kill switch, previews a decision, saves with a reason and sees the new version; the
 * audit event is read back from Kafka. A signed-in non-admin gets the page's "admins only" state
 * and a 403 from the API. Every step ends with no script error or CSP violation in any page the tab
 * saw. The rules are reset at the end (other system tests share the running system).
 */
class RulesAdminBrowserIT {
  static String base;
  static EventCapture audit;
  static Browser adminApi;
  static String adminId;

  @BeforeAll
  static void start() {
    ChromeSession.requireAvailable();
    base = PassbridgeSystem.url();
    audit = EventCapture.of(PassbridgeSystem.get().bootstrapServers(), Topics.RULES_CHANGED);
    // the admin's own API session, to compare the page with the service and to reset at the end
    adminApi = new Browser(base, Browser.FIREFOX_WINDOWS);
    Journeys.passwordLogin(
        adminApi, new User(null, "admin", "passbridge-admin-1"), false, Map.of());
    JsonNode me = adminApi.get("/api/me").body();
    assertThat(me.path("roles").toString()).contains("admin");
    adminId = me.path("userId").asString();
  }

  @AfterAll
  static void stop() {
    if (audit != null) {
      audit.close();
    }
  }

  @Test
  void adminChangesRolloutAndKillSwitchPreviewsAndSavesWithAReason() throws Exception {
    try (ChromeSession chrome = ChromeSession.start("rules-admin")) {
      chrome.hideConditionalCreate();
      chrome.driver.get(base + "/");
      signIn(chrome, "admin", "passbridge-admin-1");
      // an upgrade offer, if this admin gets one, is declined on the page before moving on
      try {
        new WebDriverWait(chrome.driver, Duration.ofSeconds(5))
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("upgrade-dialog")));
        chrome.driver.findElement(By.id("upgrade-later")).click();
      } catch (TimeoutException noOffer) {
        // no offer for this login
      }

      // shown once the dashboard knows this user is an admin
      chrome.visible(By.linkText("Insights")).click();
      chrome.wait.until(ExpectedConditions.urlContains("/insights.html"));
      chrome.visible(By.linkText("Rules")).click();
      chrome.wait.until(ExpectedConditions.urlContains("/rules.html"));

      // the version in force and who changed it, as the service says
      JsonNode current = rules();
      long version = current.path("version").asLong();
      chrome.wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.id("meta"), "Version " + version));
      String meta = chrome.driver.findElement(By.id("meta")).getText();
      if (current.path("changedAt").isMissingNode() || current.path("changedAt").isNull()) {
        assertThat(meta).isEqualTo("Version " + version + ": the configuration file's rules.");
      } else {
        assertThat(meta)
            .startsWith("Version " + version + ", changed by ")
            .contains(who(current.path("changedBy").asString()));
      }
      chrome.visible(By.id("rules-form"));
      chrome.shot("rules-loaded");
      try {
        int rollouts = chrome.driver.findElements(By.cssSelector("#rollouts tbody tr")).size();
        int kills = chrome.driver.findElements(By.cssSelector("#kills tbody tr")).size();

        // a platform's rollout: iOS/Safari at 40 %, no silent create
        chrome.driver.findElement(By.id("add-rollout")).click();
        type(chrome, "rollout-" + rollouts + "-os", "iOS");
        type(chrome, "rollout-" + rollouts + "-browser", "Safari");
        type(chrome, "rollout-" + rollouts + "-percent", "40");
        type(chrome, "rollout-" + rollouts + "-conditional", "0");
        // a kill switch for a browser version range no system test uses
        chrome.driver.findElement(By.id("add-kill")).click();
        type(chrome, "kill-" + kills + "-os", "Windows");
        type(chrome, "kill-" + kills + "-browser", "Firefox");
        type(chrome, "kill-" + kills + "-from", "120.0");
        type(chrome, "kill-" + kills + "-to", "121.9");
        type(chrome, "kill-" + kills + "-note", "system test: create sheet crashes");

        // preview the edited rules: Firefox 121 on Windows is switched off
        type(chrome, "p-os", "Windows");
        type(chrome, "p-os-version", "11");
        type(chrome, "p-browser", "Firefox");
        type(chrome, "p-browser-version", "121.0");
        chrome.driver.findElement(By.id("preview")).click();
        chrome.wait.until(
            ExpectedConditions.textToBe(
                By.id("preview-outcome"),
                "Firefox 121.0 on Windows 11: no upgrade (PLATFORM_BLOCKED)."));
        assertThat(chrome.visible(By.cssSelector("#preview-trace tbody")).getText())
            .contains("platform-not-blocked failed")
            .contains("120.0-121.9");
        assertThat(rules().path("version").asLong())
            .as("a preview stores nothing")
            .isEqualTo(version);
        chrome.shot("rules-preview");

        // saved with a reason: the page shows the new version, by this admin
        type(chrome, "reason", "Firefox 120-121 crashes in the create sheet; iOS at 40 %");
        chrome.driver.findElement(By.id("save")).click();
        long saved = version + 1;
        chrome.wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("notice"), "version " + saved));
        assertThat(chrome.driver.findElement(By.id("notice")).getText()).startsWith("Saved");
        chrome.wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("meta"), "Version " + saved + ", changed by admin " + adminId + " on "));
        assertThat(chrome.driver.findElement(By.id("last-reason")).getText())
            .isEqualTo("Reason: Firefox 120-121 crashes in the create sheet; iOS at 40 %");
        WebElement newest = chrome.visible(By.cssSelector("#changes tbody tr"));
        assertThat(newest.getText()).contains(String.valueOf(saved)).contains("Edited");
        chrome.shot("rules-saved");

        JsonNode after = rules();
        assertThat(after.path("version").asLong()).isEqualTo(saved);
        JsonNode rollout = after.path("rules").path("platformRollouts").get(rollouts);
        assertThat(rollout.path("os").asString()).isEqualTo("iOS");
        assertThat(rollout.path("percent").asInt()).isEqualTo(40);
        assertThat(rollout.path("conditionalPercent").asInt()).isZero();
        JsonNode kill = after.path("rules").path("blockedPlatforms").get(kills);
        assertThat(kill.path("browser").asString()).isEqualTo("Firefox");
        assertThat(kill.path("toBrowserVersion").asString()).isEqualTo("121.9");

        // the audit trail on Kafka: who, why, before and after
        RulesChanged changed =
            audit.await(RulesChanged.class, e -> e.version() == saved, Duration.ofSeconds(20));
        assertThat(changed.kind()).isEqualTo(RulesChanged.ADMIN_REPLACE);
        assertThat(changed.userId()).isEqualTo(UUID.fromString(adminId));
        assertThat(changed.previousVersion()).isEqualTo(version);
        assertThat(changed.reason()).startsWith("Firefox 120-121 crashes");
        assertThat(changed.changes()).isNotEmpty();
        JsonNode before = Browser.JSON.readTree(changed.before());
        JsonNode afterDocument = Browser.JSON.readTree(changed.after());
        assertThat(before.path("platformRollouts").toString()).doesNotContain("\"iOS\"");
        assertThat(before.path("blockedPlatforms").toString()).doesNotContain("121.9");
        JsonNode rolloutAfter = afterDocument.path("platformRollouts").get(rollouts);
        assertThat(rolloutAfter.path("os").asString()).isEqualTo("iOS");
        assertThat(rolloutAfter.path("browser").asString()).isEqualTo("Safari");
        assertThat(rolloutAfter.path("percent").asInt()).isEqualTo(40);
        assertThat(rolloutAfter.path("conditionalPercent").asInt()).isZero();
        JsonNode killAfter = afterDocument.path("blockedPlatforms").get(kills);
        assertThat(killAfter.path("os").asString()).isEqualTo("Windows");
        assertThat(killAfter.path("browser").asString()).isEqualTo("Firefox");
        assertThat(killAfter.path("fromBrowserVersion").asString()).isEqualTo("120.0");
        assertThat(killAfter.path("toBrowserVersion").asString()).isEqualTo("121.9");
      } finally {
        assertThat(adminApi.delete("/api/insights/rules").status()).isBetween(200, 204);
      }
      assertThat(chrome.pageErrors()).as("page errors and CSP violations").isEmpty();
    }
  }

  @Test
  void aSignedInUserWhoIsNotAnAdminIsNotAllowed() throws Exception {
    Browser someoneApi = new Browser(base, Browser.CHROME_MAC);
    User someone = Journeys.register(someoneApi);
    Journeys.passwordLogin(someoneApi, someone, false, Map.of());
    Browser.Response refused = someoneApi.get("/api/insights/rules");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text("code")).isEqualTo("forbidden");

    try (ChromeSession chrome = ChromeSession.start("rules-not-admin")) {
      chrome.hideConditionalCreate();
      chrome.driver.get(base + "/");
      signIn(chrome, someone.username(), someone.password());
      chrome.driver.get(base + "/rules.html");
      chrome.wait.until(
          ExpectedConditions.textToBe(By.id("error"), "The rules are for admins only."));
      assertThat(chrome.driver.findElement(By.id("rules-form")).isDisplayed()).isFalse();
      assertThat(chrome.driver.findElement(By.id("preview-section")).isDisplayed()).isFalse();
      chrome.shot("rules-not-allowed");
      assertThat(chrome.pageErrors()).as("page errors and CSP violations").isEmpty();
    }
  }

  private static JsonNode rules() {
    Browser.Response response = adminApi.get("/api/insights/rules");
    assertThat(response.status()).as("rules %s", response).isEqualTo(200);
    return response.body();
  }

  /** As the page words it ({@code rules-admin.mjs}'s {@code who}). */
  private static String who(String changedBy) {
    return switch (changedBy) {
      case "automatic-brake" -> "the automatic brake";
      case "configuration" -> "the configuration file";
      default -> "admin " + changedBy;
    };
  }

  private static void type(ChromeSession chrome, String id, String text) {
    WebElement field = chrome.wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
    field.clear();
    field.sendKeys(text);
  }

  /** Typed username and password, the code from the dev SMS inbox page, to the dashboard. */
  private static void signIn(ChromeSession chrome, String username, String password)
      throws IOException {
    chrome.visible(By.id("username")).sendKeys(username);
    chrome.driver.findElement(By.id("password")).sendKeys(password);
    chrome.driver.findElement(By.id("submit")).click();
    chrome.wait.until(ExpectedConditions.urlContains("/otp.html"));
    String link = chrome.visible(By.id("dev-inbox-link")).getAttribute("href");
    assertThat(link).contains("/dev-sms.html?loginId=");
    chrome.driver.get(link);
    String code =
        chrome.wait.until(
            d -> {
              String text = d.findElement(By.id("code")).getText();
              return text.matches("\\d{6}") ? text : null;
            });
    chrome.driver.navigate().back();
    chrome.wait.until(ExpectedConditions.urlContains("/otp.html"));
    chrome.visible(By.id("dev-inbox-link")); // the page's script has started again
    WebElement field = chrome.visible(By.id("code"));
    field.clear();
    field.sendKeys(code);
    chrome.driver.findElement(By.id("submit")).click();
    try {
      chrome.wait.until(ExpectedConditions.urlContains("/dashboard.html"));
    } catch (TimeoutException stuck) {
      chrome.shot("otp-stuck");
      throw new AssertionError(
          "still on "
              + chrome.driver.getCurrentUrl()
              + " after code "
              + code.length()
              + " digits; #error: "
              + chrome.driver.findElement(By.id("error")).getText()
              + "; #notice: "
              + chrome.driver.findElement(By.id("notice")).getText()
              + "; page errors: "
              + chrome.pageErrors(),
          stuck);
    }
    chrome.visible(By.id("welcome"));
  }
}
