package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.Platform;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A login's platform as the rules see it: OS and browser names after the configured aliases,
 * compared case-insensitively, versions parsed.
 */
public record PlatformView(
    String os,
    Optional<Version> osVersion,
    String browser,
    Optional<Version> browserVersion,
    String deviceClass,
    String label) {

  public static PlatformView of(Platform platform, RulesConfig config) {
    return new PlatformView(
        alias(platform.os(), config.osAliases()),
        Version.parse(platform.osVersion()),
        alias(platform.browser(), config.browserAliases()),
        Version.parse(platform.browserVersion()),
        platform.deviceClass(),
        platform.label());
  }

  /** The per-user key of this platform in cooldowns and has-passkey marks: its lowercase label. */
  public static String key(Platform platform) {
    return platform.label().toLowerCase(Locale.ROOT);
  }

  public boolean osIs(String pattern) {
    return matches(pattern, os);
  }

  public boolean browserIs(String pattern) {
    return matches(pattern, browser);
  }

  public boolean deviceClassIn(java.util.List<String> classes) {
    return classes.isEmpty() || classes.stream().anyMatch(c -> c.equalsIgnoreCase(deviceClass));
  }

  static boolean matches(String pattern, String value) {
    return RulesConfig.ANY.equals(pattern) || pattern.trim().equalsIgnoreCase(value);
  }

  /** {@code name} as the aliases have it (compared without case), else {@code name} trimmed. */
  static String alias(String name, Map<String, String> aliases) {
    String trimmed = name.trim();
    for (var alias : aliases.entrySet()) {
      if (alias.getKey().trim().equalsIgnoreCase(trimmed)) {
        return alias.getValue().trim();
      }
    }
    return trimmed;
  }

  /** e.g. {@code Chrome 136 on Windows}. */
  public String describe() {
    return browser
        + browserVersion.map(v -> " " + v).orElse("")
        + " on "
        + os
        + osVersion.map(v -> " " + v).orElse("");
  }
}
