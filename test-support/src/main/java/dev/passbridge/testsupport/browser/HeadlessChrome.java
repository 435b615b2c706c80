package dev.passbridge.testsupport.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * The machine's headless Chromium driven by its ChromeDriver (explicit paths, nothing is
 * downloaded; {@code -Dpassbridge.chromium} and {@code -Dpassbridge.chromedriver} override them),
 * with the browser log kept for {@link PageErrors}.
 */
public final class HeadlessChrome {
  public static final Path CHROMIUM =
      Path.of(System.getProperty("passbridge.chromium", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER =
      Path.of(System.getProperty("passbridge.chromedriver", "/usr/bin/chromedriver"));

  /** Headless, no sandbox or GPU, and nothing the browser would fetch or sync by itself. */
  private static final List<String> ARGUMENTS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--no-first-run",
          "--disable-sync",
          "--disable-background-networking",
          "--disable-component-update");

  private HeadlessChrome() {}

  /** Whether Chromium and ChromeDriver are installed. */
  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Skips the calling test (a JUnit assumption) when Chromium or ChromeDriver is missing. */
  public static void assumeAvailable() {
    Assumptions.assumeTrue(
        available(), "Chromium and chromedriver are not installed: browser tests skipped");
  }

  /** Quits the browser, then stops its driver; either may be null (never started). */
  public static void quit(ChromeDriver driver, ChromeDriverService service) {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
  }

  /** A ChromeDriver on a free port whose browsers keep their temporary files in {@code tmp}. */
  public static ChromeDriverService service(Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp).toAbsolutePath();
    return new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withEnvironment(Map.of("TMPDIR", dir.toString()))
        .build();
  }

  /**
   * Options for a headless Chromium with a window of {@code width} x {@code height}, the browser
   * log at every level, and any {@code extraArguments}.
   */
  public static ChromeOptions options(int width, int height, String... extraArguments) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        Stream.concat(
                Stream.concat(
                    ARGUMENTS.stream(), Stream.of("--window-size=" + width + "," + height)),
                Stream.of(extraArguments))
            .toList());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return options;
  }

  /** A platform authenticator with resident keys and user verification, like Touch ID. */
  public static VirtualAuthenticatorOptions platformAuthenticator() {
    return new VirtualAuthenticatorOptions()
        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
        .setHasResidentKey(true)
        .setHasUserVerification(true)
        .setIsUserVerified(true)
        .setIsUserConsenting(true);
  }
}
