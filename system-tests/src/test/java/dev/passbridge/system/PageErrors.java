package dev.passbridge.system;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The system tests' name for test-support's {@link dev.passbridge.testsupport.browser.PageErrors}:
 * uncaught errors, unhandled rejections, CSP violations and console errors of every page a tab
 * showed.
 */
final class PageErrors extends dev.passbridge.testsupport.browser.PageErrors {
  private PageErrors(ChromeDriver driver) {
    super(driver);
  }

  /** Installs the collector for every document this tab loads from now on. */
  public static PageErrors install(ChromeDriver driver) {
    return new PageErrors(driver);
  }
}
