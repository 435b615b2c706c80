package dev.passbridge.system;

import dev.passbridge.testsupport.browser.HeadlessChrome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * Debian's headless Chromium driven by its ChromeDriver (explicit paths: nothing is downloaded),
 * with a CDP WebAuthn virtual authenticator and a screenshot per journey step under {@code
 * target/screenshots}.
 */
final class ChromeSession implements AutoCloseable {
  static final Path CHROMIUM = HeadlessChrome.CHROMIUM;
  static final Path CHROMEDRIVER = HeadlessChrome.CHROMEDRIVER;

  final ChromeDriver driver;
  final WebDriverWait wait;
  private final Path screenshots;
  private final PageErrors errors;
  private int step;

  private ChromeSession(String journey) throws IOException {
    Path tmp = Files.createDirectories(Path.of("target", "chromium-tmp").toAbsolutePath());
    screenshots = Files.createDirectories(Path.of("target", "screenshots", journey));
    driver =
        new ChromeDriver(
            HeadlessChrome.service(tmp),
            HeadlessChrome.options(
                420,
                900,
                "--disable-quic",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "profile")));
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    errors = PageErrors.install(driver);
  }

  /**
   * Uncaught errors, unhandled rejections, CSP violations and console errors of every page this tab
   * showed so far (see {@link PageErrors}); a journey ends by asserting there were none.
   */
  List<String> pageErrors() {
    return errors.all();
  }

  static ChromeSession start(String journey) throws IOException {
    return new ChromeSession(journey);
  }

  static boolean available() {
    return HeadlessChrome.available();
  }

  /** Fails (not skips) a browser test class on a machine without Chromium: CI installs it. */
  static void requireAvailable() {
    org.assertj.core.api.Assertions.assertThat(available())
        .as(
            "Chromium and ChromeDriver at %s and %s (.ci/run installs them)",
            CHROMIUM, CHROMEDRIVER)
        .isTrue();
  }

  /** A platform authenticator with resident keys and user verification, like Touch ID. */
  VirtualAuthenticator addPlatformAuthenticator() {
    return driver.addVirtualAuthenticator(HeadlessChrome.platformAuthenticator());
  }

  /**
   * Hides conditional create before any page script runs (the browser has no password manager
   * account).
   */
  void hideConditionalCreate() {
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            "if (window.PublicKeyCredential && PublicKeyCredential.getClientCapabilities) {"
                + " const g = PublicKeyCredential.getClientCapabilities.bind(PublicKeyCredential);"
                + " PublicKeyCredential.getClientCapabilities = async () =>"
                + " ({...(await g()), conditionalCreate: false}); }"));
  }

  /**
   * Advertises conditional create (which never completes in automation), to exercise the timeout.
   */
  void advertiseConditionalCreate() {
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            "if (window.PublicKeyCredential && PublicKeyCredential.getClientCapabilities) {"
                + " const g = PublicKeyCredential.getClientCapabilities.bind(PublicKeyCredential);"
                + " PublicKeyCredential.getClientCapabilities = async () =>"
                + " ({...(await g()), conditionalCreate: true}); }"));
  }

  /**
   * Makes fields that the test fills without key events look autofilled: headless Chromium has no
   * password manager, so {@code :autofill} never matches by itself. The page's own detection (the
   * selector match at submit plus "no typing") then runs unchanged.
   */
  void emulatePasswordManagerAutofill() {
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            "const m = Element.prototype.matches;"
                + " Element.prototype.matches = function (s) {"
                + " if ((s === ':autofill' || s === ':-webkit-autofill') && this.dataset"
                + " && this.dataset.testAutofilled === 'true') { return true; }"
                + " return m.call(this, s); };"));
  }

  /** Fills a field the way a password manager does: the value appears, no key events. */
  void autofill(By field, String value) {
    driver.executeScript(
        "arguments[0].value = arguments[1]; arguments[0].dataset.testAutofilled = 'true';"
            + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        driver.findElement(field),
        value);
  }

  WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  void shot(String name) throws IOException {
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    Files.write(screenshots.resolve(String.format("%02d-%s.png", ++step, name)), png);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
