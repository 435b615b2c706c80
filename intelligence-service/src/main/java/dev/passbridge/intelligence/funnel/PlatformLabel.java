package dev.passbridge.intelligence.funnel;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The platform of a funnel counter ({@code iOS/Safari}): the operating system and browser names
 * auth-service read from the User-Agent, each kept only if it is one of a fixed list of systems and
 * browsers people sign in with, else {@code Other} ({@code Unknown} stays {@code Unknown}).
 *
 * <p>Why a list: the parser passes on the product name of a User-Agent it does not know ({@code
 * Probe/1.0} is the browser {@code Probe}), so with the names as they came, anyone with an account
 * made a new metric series, and a new row of the funnel report, per password login with an invented
 * User-Agent. The events keep the exact names; analytics that want a browser outside the list read
 * them there. A name on the list is written as the list writes it, whatever its case.
 */
public final class PlatformLabel {
  public static final String OTHER = "Other";
  public static final String UNKNOWN = "Unknown";

  private static final Map<String, String> SYSTEMS =
      canonical(
          "Windows",
          "Mac OS",
          "macOS",
          "iOS",
          "iPadOS",
          "Android",
          "Linux",
          "Ubuntu",
          "Fedora",
          "Chrome OS",
          "ChromeOS",
          "HarmonyOS",
          "Fire OS",
          "FireOS",
          "KaiOS",
          "Tizen",
          "FreeBSD");

  private static final Map<String, String> BROWSERS =
      canonical(
          "Chrome",
          "Google Chrome",
          "Chromium",
          "Safari",
          "Firefox",
          "Edge",
          "Opera",
          "Opera GX",
          "Opera Mini",
          "Samsung Internet",
          "Brave",
          "Vivaldi",
          "Yandex Browser",
          "UC Browser",
          "DuckDuckGo",
          "Firefox Focus",
          "Whale",
          "Huawei Browser",
          "Mi Browser",
          "Silk",
          "Internet Explorer",
          "Chrome Webview",
          "Edge Webview",
          "Safari Webview");

  private PlatformLabel() {}

  /** {@code os/browser} with each part on the lists, {@code Unknown} or {@code Other}. */
  public static String of(String label) {
    if (label == null || label.isBlank()) {
      return UNKNOWN + "/" + UNKNOWN;
    }
    int slash = label.indexOf('/');
    String os = slash < 0 ? label : label.substring(0, slash);
    String browser = slash < 0 ? "" : label.substring(slash + 1);
    return part(os, SYSTEMS) + "/" + part(browser, BROWSERS);
  }

  private static String part(String name, Map<String, String> known) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    if (key.isEmpty() || key.equals("unknown")) {
      return UNKNOWN;
    }
    return known.getOrDefault(key, OTHER);
  }

  private static Map<String, String> canonical(String... names) {
    return Stream.of(names)
        .collect(
            Collectors.toUnmodifiableMap(n -> n.toLowerCase(Locale.ROOT), Function.identity()));
  }
}
