package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The API viewer the README points to ({@code /swagger-ui.html}, served in the local profile) in
 * headless Chromium through the real gateway: it renders the merged public document's operations
 * and its groups, under the gateway's Content-Security-Policy, without a script error or CSP
 * violation (its bundle writes inline styles, which only this viewer's policy allows).
 */
class ApiViewerBrowserIT {
  static String base;

  @BeforeAll
  static void start() {
    ChromeSession.requireAvailable();
    base = PassbridgeSystem.url();
  }

  @Test
  void theApiViewerShowsTheOperationsWithoutACspViolation() throws Exception {
    try (ChromeSession chrome = ChromeSession.start("api-viewer")) {
      chrome.driver.get(base + "/swagger-ui.html");
      chrome.wait.until(d -> !d.findElements(By.cssSelector(".opblock-summary-path")).isEmpty());
      assertThat(
              chrome.driver.findElements(By.cssSelector(".opblock-summary-path")).stream()
                  .map(e -> e.getAttribute("data-path")))
          .contains("/api/auth/login", "/api/passkeys/upgrade");
      chrome.shot("api-viewer");
      assertThat(chrome.pageErrors()).as("script errors and CSP violations").isEmpty();
    }
  }
}
