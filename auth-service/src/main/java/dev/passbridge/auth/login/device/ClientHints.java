package dev.passbridge.auth.login.device;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * User-Agent client hints in one shape: lower-case header names ({@code
 * sec-ch-ua-platform-version}) with structured-header values ({@code "15.0.0"}, {@code ?1}, {@code
 * "Chromium";v="136.0.1"}), whichever way they came: as request headers (when the page asked with
 * {@code Accept-CH}) or as the {@code navigator.userAgentData.getHighEntropyValues()} object the
 * web app sends in {@code client.hints}. The body wins over the headers: it carries the
 * high-entropy values the headers often lack.
 */
public final class ClientHints {
  private ClientHints() {}

  public static final int MAX_HINTS = 16;
  public static final int MAX_VALUE_LENGTH = 512;

  /** {@code navigator.userAgentData} keys and the header each one becomes. */
  private static final Map<String, String> JS_TO_HEADER =
      Map.ofEntries(
          Map.entry("brands", "sec-ch-ua"),
          Map.entry("mobile", "sec-ch-ua-mobile"),
          Map.entry("platform", "sec-ch-ua-platform"),
          Map.entry("platformversion", "sec-ch-ua-platform-version"),
          Map.entry("architecture", "sec-ch-ua-arch"),
          Map.entry("bitness", "sec-ch-ua-bitness"),
          Map.entry("model", "sec-ch-ua-model"),
          Map.entry("uafullversion", "sec-ch-ua-full-version"),
          Map.entry("fullversionlist", "sec-ch-ua-full-version-list"),
          Map.entry("wow64", "sec-ch-ua-wow64"),
          Map.entry("formfactors", "sec-ch-ua-form-factors"));

  /**
   * Merges hints from the request headers and from the request body into one bounded map.
   *
   * @param headers header name to value, any case; non-client-hint headers are ignored
   * @param body the {@code client.hints} object: JS names or header names; values are strings,
   *     booleans, or (for brand lists) lists of {@code {brand, version}} objects
   */
  public static Map<String, String> merge(Map<String, String> headers, Map<String, ?> body) {
    Map<String, String> hints = new TreeMap<>();
    if (headers != null) {
      headers.forEach(
          (name, value) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.startsWith("sec-ch-ua") && value != null) {
              put(hints, key, value);
            }
          });
    }
    if (body != null) {
      body.forEach(
          (name, value) -> {
            String key = headerName(name);
            String formatted = format(value);
            if (key != null && formatted != null) {
              put(hints, key, formatted);
            }
          });
    }
    return Map.copyOf(hints);
  }

  private static void put(Map<String, String> hints, String key, String value) {
    String v = value.strip();
    if (v.isEmpty() || v.length() > MAX_VALUE_LENGTH) {
      return;
    }
    if (hints.size() < MAX_HINTS || hints.containsKey(key)) {
      hints.put(key, v);
    }
  }

  private static String headerName(String name) {
    if (name == null) {
      return null;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sec-ch-ua")) {
      return lower;
    }
    return JS_TO_HEADER.get(lower.replace("-", "").replace("_", ""));
  }

  /** Structured-header form of a JS value. */
  static String format(Object value) {
    return switch (value) {
      case null -> null;
      case Boolean b -> b ? "?1" : "?0";
      case Number n -> quote(n.toString());
      case String s -> s.startsWith("\"") || s.startsWith("?") ? s : quote(s);
      case Collection<?> list -> brandList(list);
      default -> null;
    };
  }

  private static String brandList(Collection<?> list) {
    List<String> entries =
        list.stream()
            .map(
                item -> {
                  if (item instanceof Map<?, ?> m && m.get("brand") != null) {
                    Object version = m.get("version");
                    return quote(String.valueOf(m.get("brand")))
                        + (version == null ? "" : ";v=" + quote(String.valueOf(version)));
                  }
                  return item instanceof String s ? quote(s) : null;
                })
            .filter(s -> s != null)
            .toList();
    return entries.isEmpty() ? null : String.join(", ", entries);
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "").replace("\"", "") + '"';
  }

  /** Stable cache key of a UA with its hints. */
  static String cacheKey(String userAgent, Map<String, String> hints) {
    String h =
        new TreeMap<>(hints)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
    return (userAgent == null ? "" : userAgent) + "\n" + h;
  }

  static Map<String, String> canonical(Map<String, String> hints) {
    return hints.entrySet().stream()
        .collect(
            Collectors.toMap(e -> canonicalName(e.getKey()), Map.Entry::getValue, (a, b) -> a));
  }

  /** {@code sec-ch-ua-platform-version} → {@code Sec-CH-UA-Platform-Version}. */
  static String canonicalName(String lower) {
    return List.of(lower.split("-")).stream()
        .map(
            part ->
                switch (part) {
                  case "sec" -> "Sec";
                  case "ch" -> "CH";
                  case "ua" -> "UA";
                  default ->
                      part.isEmpty()
                          ? part
                          : Character.toUpperCase(part.charAt(0)) + part.substring(1);
                })
        .collect(Collectors.joining("-"));
  }
}
