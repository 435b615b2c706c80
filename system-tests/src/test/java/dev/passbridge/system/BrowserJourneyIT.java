package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.testsupport.EventCapture;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The journey through the real pages in headless Chromium, with a CDP WebAuthn virtual
 * authenticator. Screenshots of every step land in {@code target/screenshots/<journey>/}.
 */
class BrowserJourneyIT {
  static String base;
  static EventCapture events;

  @BeforeAll
  static void start() {
    assertThat(ChromeSession.available())
        .as(
            "Chromium and ChromeDriver at %s and %s (.ci/run installs them)",
            ChromeSession.CHROMIUM, ChromeSession.CHROMEDRIVER)
        .isTrue();
    // a valid RP ID needs a host name, not an IP
    base = PassbridgeSystem.url();
    events =
        EventCapture.of(
            PassbridgeSystem.get().bootstrapServers(),
            Topics.PASSWORD_AUTHENTICATED,
            Topics.PASSKEY_CREATED,
            Topics.PASSKEY_UPGRADE_FAILED,
            Topics.PASSKEY_DELETED);
  }

  @AfterAll
  static void stop() {
    events.close();
  }

  @Test
  void passwordOtpPromptPasskeyLoginAndDelete() throws Exception {
    try (ChromeSession chrome = ChromeSession.start("journey")) {
      chrome.hideConditionalCreate();
      chrome.addPlatformAuthenticator();

      chrome.driver.get(base + "/");
      chrome.visible(By.id("username")).sendKeys("alice");
      chrome.driver.findElement(By.id("password")).sendKeys("passbridge-alice-1");
      chrome.shot("login");
      chrome.driver.findElement(By.id("submit")).click();

      chrome.wait.until(ExpectedConditions.urlContains("/otp.html"));
      chrome.visible(By.id("code"));
      PasswordAuthenticated login =
          events.await(PasswordAuthenticated.class, e -> e.username().equals("alice"));
      assertThat(login.client().autofilled()).as("typed password").isFalse();
      chrome.shot("otp");

      String code = readCodeFromDevInbox(chrome, login.loginId());
      chrome.driver.navigate().back();
      chrome.visible(By.id("code")).sendKeys(code);
      chrome.driver.findElement(By.id("submit")).click();

      // no conditional create here, but a platform authenticator: the explainer with two choices
      chrome.wait.until(ExpectedConditions.urlContains("/dashboard.html"));
      chrome.visible(By.id("upgrade-dialog"));
      assertThat(chrome.driver.findElement(By.id("upgrade-later")).isDisplayed()).isTrue();
      chrome.shot("upgrade-prompt");
      chrome.driver.findElement(By.id("upgrade-create")).click();

      PasskeyCreated created =
          events.await(PasskeyCreated.class, e -> e.userId().equals(login.userId()));
      assertThat(created.mode()).isEqualTo(UpgradeMode.PROMPT);
      chrome.visible(By.cssSelector("#passkeys .passkey"));
      String provider = chrome.visible(By.cssSelector("#passkeys .passkey-provider")).getText();
      assertThat(provider).isEqualTo(created.providerName()).isNotBlank();
      chrome.shot("dashboard-with-passkey");

      chrome.driver.findElement(By.id("logout")).click();
      // back on the login page, conditional UI finds the passkey by itself: no password, no SMS
      chrome.wait.until(ExpectedConditions.urlContains("/dashboard.html"));
      chrome.visible(By.cssSelector("#passkeys .passkey"));
      assertThat(chrome.visible(By.id("welcome")).getText()).contains("Alice");
      chrome.shot("passkey-login");

      chrome.driver.findElement(By.cssSelector("#passkeys .passkey .delete")).click();
      chrome.visible(By.cssSelector("#delete-dialog button[value=delete]")).click();
      chrome.visible(By.id("no-passkeys"));
      events.await(PasskeyDeleted.class, e -> e.credentialId().equals(created.credentialId()));
      chrome.shot("deleted");
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
      chrome
          .visible(By.id("code"))
          .sendKeys(Journeys.smsCode(new Browser(base, "test"), login.loginId()));
      chrome.driver.findElement(By.id("submit")).click();

      // the decision is CONDITIONAL; the create never completes in automation, so the page gives up
      chrome.wait.until(ExpectedConditions.urlContains("/dashboard.html"));
      PasskeyUpgradeFailed failed =
          events.await(
              PasskeyUpgradeFailed.class,
              e -> e.userId().equals(login.userId()),
              Duration.ofSeconds(20));
      assertThat(failed.mode()).isEqualTo(UpgradeMode.CONDITIONAL);
      assertThat(failed.errorName()).isEqualTo("AbortError");
      chrome.visible(By.id("no-passkeys"));
      chrome.shot("dashboard-after-timeout");
    }
  }

  @Test
  void adminSeesTheFunnelChart() throws Exception {
    try (ChromeSession chrome = ChromeSession.start("insights")) {
      chrome.hideConditionalCreate();
      chrome.driver.get(base + "/");
      chrome.visible(By.id("username")).sendKeys("admin");
      chrome.driver.findElement(By.id("password")).sendKeys("passbridge-admin-1");
      chrome.driver.findElement(By.id("submit")).click();
      chrome.wait.until(ExpectedConditions.urlContains("/otp.html"));
      PasswordAuthenticated login =
          events.await(PasswordAuthenticated.class, e -> e.username().equals("admin"));
      chrome
          .visible(By.id("code"))
          .sendKeys(Journeys.smsCode(new Browser(base, "test"), login.loginId()));
      chrome.driver.findElement(By.id("submit")).click();
      chrome.wait.until(ExpectedConditions.urlContains("/dashboard.html"));

      chrome.driver.get(base + "/insights.html");
      chrome.visible(By.id("results"));
      // the funnel is drawn locally as SVG: one bar per step, and at least this admin's login
      // counted
      assertThat(chrome.driver.findElements(By.cssSelector("#chart rect"))).isNotEmpty();
      assertThat(chrome.visible(By.id("steps-table")).getText()).containsIgnoringCase("password");
      chrome.shot("insights");
    }
  }

  private static String readCodeFromDevInbox(ChromeSession chrome, String loginId)
      throws Exception {
    chrome.driver.get(base + "/dev-sms.html?loginId=" + loginId);
    String code =
        chrome.wait.until(
            d -> {
              String text = d.findElement(By.id("code")).getText();
              return text.matches("\\d{6}") ? text : null;
            });
    chrome.shot("dev-sms-inbox");
    return code;
  }
}
