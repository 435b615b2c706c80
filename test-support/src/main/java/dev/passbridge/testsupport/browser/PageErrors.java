package dev.passbridge.testsupport.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * What went wrong inside the pages of one browser tab: uncaught errors, unhandled rejections,
 * {@code securitypolicyviolation} events and {@code console.error} calls, recorded by a script that
 * runs before every document's own scripts (kept in sessionStorage, so it survives the navigations
 * of a journey), plus the browser's own log of warnings and errors. Answers of 4xx to API calls
 * (the browser logs "Failed to load resource") are expected in places and not counted.
 *
 * <p>Not final: a test package may keep a class of this name as a thin subclass.
 */
public class PageErrors {
  private static final String KEY = "__pageErrors";

  /** The script that records a document's errors in sessionStorage. */
  public static final String COLLECTOR =
      """
      (() => {
        const add = (kind, text) => {
          try {
            const list = JSON.parse(sessionStorage.getItem('%1$s') || '[]');
            list.push(kind + ': ' + text + ' (' + location.pathname + ')');
            sessionStorage.setItem('%1$s', JSON.stringify(list));
          } catch (ignored) { /* no storage on this document */ }
        };
        window.addEventListener('error', (e) =>
          add('uncaught error', (e.error && e.error.stack) || e.message));
        window.addEventListener('unhandledrejection', (e) =>
          add('unhandled rejection', (e.reason && e.reason.stack) || String(e.reason)));
        document.addEventListener('securitypolicyviolation', (e) =>
          add('CSP violation', e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));
        const consoleError = console.error.bind(console);
        console.error = (...args) => { add('console.error', args.map(String).join(' ')); consoleError(...args); };
      })();
      """
          .formatted(KEY);

  private final ChromeDriver driver;
  private final List<String> browserLog = new ArrayList<>();

  /** Installs the collector for every document this tab loads from now on. */
  protected PageErrors(ChromeDriver driver) {
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COLLECTOR));
    this.driver = driver;
  }

  /** Installs the collector for every document this tab loads from now on. */
  public static PageErrors install(ChromeDriver driver) {
    return new PageErrors(driver);
  }

  /** Everything seen so far, the browser log drained into it (reading the log empties it). */
  @SuppressWarnings("unchecked")
  public synchronized List<String> all() {
    driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .filter(
            message -> !(message.contains("/api/") && message.contains("Failed to load resource")))
        .forEach(message -> browserLog.add("browser log: " + message));
    List<String> all = new ArrayList<>();
    Object recorded =
        driver.executeScript(
            "try { return JSON.parse(sessionStorage.getItem('"
                + KEY
                + "') || '[]'); }"
                + " catch (e) { return []; }");
    if (recorded instanceof List<?> list) {
      list.forEach(item -> all.add(String.valueOf(item)));
    }
    all.addAll(browserLog);
    return all;
  }
}
