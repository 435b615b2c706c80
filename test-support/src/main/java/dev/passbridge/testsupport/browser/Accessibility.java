package dev.passbridge.testsupport.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core's WCAG checks on the page a browser test shows: the A and AA rules of WCAG 2.0, 2.1 and
 * 2.2 ({@link #TAGS}), run on the whole document as it is at that moment (a dialog open, a field
 * marked invalid), answered as {@link Violation}s.
 *
 * <p>Our own small runner rather than Deque's Java wrapper ({@code AxeBuilder} in the same jar):
 * that wrapper needs Jackson 2, Selenium 4.13 and WebDriverManager, which would sit beside the
 * project's Jackson 3 and newer Selenium and download drivers. Only the jar's {@code axe.min.js} is
 * used (its dependencies are excluded): read from the classpath once, injected with {@code
 * executeScript} (WebDriver's script evaluation is not subject to the page's
 * Content-Security-Policy, so the pages' strict CSP stays as it is) and run with {@code
 * executeAsyncScript}. A navigation drops it; each check injects it again when the document has
 * none.
 *
 * <p>axe runs without its preload: that fetches cross-origin stylesheets and parses them in an
 * inline {@code <style>}, which the page's CSP blocks (a violation {@link PageErrors} reports).
 * Only {@code css-orientation-lock} needs it, and our stylesheets lock no orientation.
 */
public final class Accessibility {
  /** The rule sets checked: WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
  public static final List<String> TAGS =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  private static final String RESOURCE = "axe.min.js";

  private static final String RUN =
      """
      const done = arguments[arguments.length - 1];
      axe.run(document, {
        runOnly: {type: 'tag', values: arguments[0]},
        resultTypes: ['violations'],
        preload: false,
      })
        .then((results) => done({violations: results.violations.map((v) => ({
          id: v.id,
          impact: v.impact || '',
          help: v.help,
          targets: v.nodes.map((n) => n.target.flat(Infinity).join(' >>> ')),
          summary: (v.nodes[0] && v.nodes[0].failureSummary) || '',
        }))}))
        .catch((e) => done({error: String((e && e.stack) || e)}));
      """;

  private static volatile String script;

  private Accessibility() {}

  /**
   * One rule the page breaks: its axe id (e.g. {@code color-contrast}), impact, one-line help, the
   * CSS selectors of the elements that break it (into shadow roots joined by {@code >>>}), and
   * axe's summary of how the first of them fails.
   */
  public record Violation(
      String id, String impact, String help, List<String> targets, String summary) {
    @Override
    public String toString() {
      return "%s (%s): %s at %s%n    %s"
          .formatted(id, impact, help, targets, summary.replace("\n", "\n    "));
    }
  }

  /** The violations of {@link #TAGS} on the document the driver shows now. */
  public static List<Violation> violations(WebDriver driver) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
      js.executeScript(axeScript());
    }
    Object answer = js.executeAsyncScript(RUN, TAGS);
    if (!(answer instanceof Map<?, ?> result) || result.containsKey("error")) {
      throw new IllegalStateException("axe did not run: " + answer);
    }
    List<?> violations = (List<?>) result.get("violations");
    return violations.stream()
        .map(Map.class::cast)
        .map(
            v ->
                new Violation(
                    String.valueOf(v.get("id")),
                    String.valueOf(v.get("impact")),
                    String.valueOf(v.get("help")),
                    ((List<?>) v.get("targets")).stream().map(String::valueOf).toList(),
                    String.valueOf(v.get("summary"))))
        .toList();
  }

  /**
   * Fails (an AssertJ assertion error) when the page breaks any rule, listing every violation; the
   * {@code state} names what the page shows ("OTP page after a wrong code").
   */
  public static void assertNoViolations(WebDriver driver, String state) {
    List<Violation> found = violations(driver);
    assertThat(found)
        .as(
            "accessibility (axe-core, %s) of %s at %s:%n  %s",
            String.join(", ", TAGS),
            state,
            driver.getCurrentUrl(),
            found.stream().map(Violation::toString).collect(Collectors.joining("\n  ")))
        .isEmpty();
  }

  private static String axeScript() {
    String loaded = script;
    if (loaded == null) {
      try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              RESOURCE
                  + " is not on the classpath: add com.deque.html.axe-core:selenium (test scope)");
        }
        loaded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      script = loaded;
    }
    return loaded;
  }
}
