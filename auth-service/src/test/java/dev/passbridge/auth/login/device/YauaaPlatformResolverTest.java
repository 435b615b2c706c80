package dev.passbridge.auth.login.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.Platform;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Yauaa parses of the browsers docs/architecture.md §5 cares about, with and without hints.
 */
class YauaaPlatformResolverTest {
  static final String SAFARI_MAC =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
          + " Version/18.1 Safari/605.1.15";
  static final String SAFARI_IPHONE =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
  static final String SAFARI_IPAD =
      "Mozilla/5.0 (iPad; CPU OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
          + " Version/18.0 Mobile/15E148 Safari/604.1";
  static final String CHROME_WINDOWS =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/136.0.0.0 Safari/537.36";
  static final String CHROME_ANDROID =
      "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/141.0.0.0 Mobile Safari/537.36";
  static final String CHROME_MAC =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/136.0.0.0 Safari/537.36";

  static YauaaPlatformResolver resolver;

  @BeforeAll
  static void build() {
    resolver = new YauaaPlatformResolver(100).awaitReady();
  }

  @Test
  void safariOnAMacHasNoOsVersionBecauseTheUserAgentFreezesIt() {
    assertThat(resolver.resolve(SAFARI_MAC, Map.of()))
        .isEqualTo(new Platform("Mac OS", null, "Safari", "18.1", "Desktop"));
  }

  @Test
  void safariOnIphoneAndIpadReportsTheRealIosVersion() {
    assertThat(resolver.resolve(SAFARI_IPHONE, Map.of()))
        .isEqualTo(new Platform("iOS", "18.1", "Safari", "18.1", "Phone"));
    assertThat(resolver.resolve(SAFARI_IPAD, Map.of()))
        .isEqualTo(new Platform("iOS", "18.0", "Safari", "18.0", "Tablet"));
  }

  @Test
  void chromesReducedUserAgentAloneLeavesTheOsVersionOpen() {
    assertThat(resolver.resolve(CHROME_WINDOWS, Map.of()))
        .isEqualTo(new Platform("Windows", null, "Chrome", "136", "Desktop"));
    assertThat(resolver.resolve(CHROME_ANDROID, Map.of()))
        .isEqualTo(new Platform("Android", null, "Chrome", "141", "Phone"));
  }

  @Test
  void clientHintsOverrideTheFrozenWindowsVersion() {
    Map<String, String> hints =
        Map.of(
            "sec-ch-ua-platform", "\"Windows\"",
            "sec-ch-ua-platform-version", "\"15.0.0\"",
            "sec-ch-ua-full-version-list",
                "\"Chromium\";v=\"136.0.7103.48\", \"Google Chrome\";v=\"136.0.7103.48\"");
    assertThat(resolver.resolve(CHROME_WINDOWS, hints))
        .isEqualTo(new Platform("Windows", "11", "Chrome", "136.0", "Desktop"));
  }

  @Test
  void clientHintsFromUserAgentDataGiveTheRealAndroidVersion() {
    Map<String, String> hints =
        ClientHints.merge(
            Map.of(),
            Map.of(
                "platform",
                "Android",
                "platformVersion",
                "15.0.0",
                "mobile",
                true,
                "model",
                "Pixel 9"));
    assertThat(resolver.resolve(CHROME_ANDROID, hints))
        .isEqualTo(new Platform("Android", "15.0", "Chrome", "141", "Phone"));
  }

  @Test
  void clientHintsGiveChromeOnAMacItsMacosVersion() {
    Map<String, String> hints =
        Map.of("sec-ch-ua-platform", "\"macOS\"", "sec-ch-ua-platform-version", "\"15.1.0\"");
    assertThat(resolver.resolve(CHROME_MAC, hints).osVersion()).isEqualTo("15.1");
  }

  @Test
  void nonBrowsersAndMissingUserAgentsAreUnknown() {
    assertThat(resolver.resolve(null, Map.of())).isEqualTo(Platform.unknown());
    Platform curl = resolver.resolve("curl/8.5.0", Map.of());
    assertThat(curl.os()).isEqualTo(Platform.UNKNOWN);
    assertThat(curl.deviceClass()).isEqualTo(Platform.UNKNOWN);
  }

  @Test
  void versionsAreCutToMajorMinor() {
    assertThat(YauaaPlatformResolver.version("136.0.7103.48")).isEqualTo("136.0");
    assertThat(YauaaPlatformResolver.version("18")).isEqualTo("18");
    assertThat(YauaaPlatformResolver.version(">=10.15.7")).isNull();
    assertThat(YauaaPlatformResolver.version("??")).isNull();
    assertThat(YauaaPlatformResolver.version("Hacker")).isNull();
  }

  @Test
  void measuresParseCostUncachedAndCached() {
    int n = 300;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      resolver.resolve(CHROME_WINDOWS.replace("136.0.0.0", "136.0.0." + i), Map.of());
    }
    double uncachedMicros = (System.nanoTime() - t0) / 1e3 / n;
    t0 = System.nanoTime();
    for (int i = 0; i < n * 10; i++) {
      resolver.resolve(SAFARI_MAC, Map.of());
    }
    double cachedMicros = (System.nanoTime() - t0) / 1e3 / (n * 10);
    System.out.printf(
        "Yauaa: build %d ms, uncached parse %.1f us, cached %.2f us%n",
        resolver.buildMillis(), uncachedMicros, cachedMicros);
    assertThat(cachedMicros).isLessThan(uncachedMicros);
  }
}
