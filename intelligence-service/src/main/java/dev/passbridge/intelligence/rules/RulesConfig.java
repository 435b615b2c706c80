package dev.passbridge.intelligence.rules;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decision rules' settings (docs/services/intelligence-service.md, "Decision rules"): rollout,
 * cooldowns, prompt limits and the platform table. Plain data; reloadable at runtime (the service
 * keeps the active copy on a compacted topic), so every field has a default here and a missing
 * field means "the default".
 *
 * <p>Durations are checked here, on construction, against {@link #MAX_DURATION} (a cooldown of
 * billions of days overflows the date arithmetic of the decision); numbers and tables are checked
 * by the bean-validation constraints ({@code 0..100}, sizes, version patterns).
 *
 * @param rolloutPercent share of users (0–100, by a stable hash of the user id) that get an upgrade
 * @param rolloutSalt changes which users fall into the rollout share without changing its size
 * @param allowSecondPasskeyFromOtherProvider a user with passkeys still qualifies when none of them
 *     comes from this platform's provider (e.g. has a Google passkey, logs in with Safari on iOS)
 * @param notAllowedCooldown how long a {@code NotAllowedError} pauses upgrades for that user and
 *     platform
 * @param maxPrompts explicit prompts per episode; then {@code promptCooldown}
 * @param promptCooldown pause after {@code maxPrompts} prompts; afterwards the count starts again
 * @param dismissCooldown no prompt this soon after the user said "Not now" (0 switches it off)
 * @param conditionalCreatePlatforms platforms known to support conditional create (an allowlist)
 * @param blockedPlatforms platforms or versions that get no upgrade at all
 * @param providers which passkey provider a platform saves to (for the second-passkey flag)
 * @param browserAliases browser names treated as another browser, e.g. Chromium as Chrome
 * @param osAliases OS names treated as another OS, e.g. iPadOS as iOS
 * @param platformRollouts the rollout per platform (first matching row wins); {@code
 *     rolloutPercent} is the rollout of every platform without a row
 */
public record RulesConfig(
    @Min(0) @Max(100) Integer rolloutPercent,
    @Size(max = 64) String rolloutSalt,
    Boolean allowSecondPasskeyFromOtherProvider,
    Duration notAllowedCooldown,
    @Min(0) @Max(100) Integer maxPrompts,
    Duration promptCooldown,
    Duration dismissCooldown,
    @Valid @Size(max = 200) List<ConditionalPlatform> conditionalCreatePlatforms,
    @Valid @Size(max = 200) List<BlockedPlatform> blockedPlatforms,
    @Valid @Size(max = 200) List<ProviderMapping> providers,
    @Size(max = 100) Map<String, String> browserAliases,
    @Size(max = 100) Map<String, String> osAliases,
    @Valid @Size(max = 200) List<PlatformRollout> platformRollouts) {

  /** Matches any OS or browser in a table entry. */
  public static final String ANY = "*";

  private static final String VERSION = "[0-9]+([._][0-9]+)*";

  /** Longest cooldown a rules document may set: ten years. */
  public static final Duration MAX_DURATION = Duration.ofDays(3650);

  public RulesConfig {
    rolloutPercent = rolloutPercent == null ? 100 : rolloutPercent;
    rolloutSalt = rolloutSalt == null ? "" : rolloutSalt;
    allowSecondPasskeyFromOtherProvider =
        allowSecondPasskeyFromOtherProvider != null && allowSecondPasskeyFromOtherProvider;
    notAllowedCooldown = nonNegative(notAllowedCooldown, Duration.ofDays(7), "notAllowedCooldown");
    maxPrompts = maxPrompts == null ? 3 : maxPrompts;
    promptCooldown = nonNegative(promptCooldown, Duration.ofDays(30), "promptCooldown");
    dismissCooldown = nonNegative(dismissCooldown, Duration.ofDays(1), "dismissCooldown");
    conditionalCreatePlatforms =
        conditionalCreatePlatforms == null
            ? defaultConditionalCreatePlatforms()
            : List.copyOf(conditionalCreatePlatforms);
    blockedPlatforms = blockedPlatforms == null ? List.of() : List.copyOf(blockedPlatforms);
    providers = providers == null ? defaultProviders() : List.copyOf(providers);
    browserAliases =
        browserAliases == null
            ? Map.of("Chromium", "Chrome", "Google Chrome", "Chrome")
            : Map.copyOf(browserAliases);
    osAliases = osAliases == null ? defaultOsAliases() : Map.copyOf(osAliases);
    platformRollouts = platformRollouts == null ? List.of() : List.copyOf(platformRollouts);
  }

  /** Every setting at its default. */
  public static RulesConfig defaults() {
    return new RulesConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public RulesConfig withRolloutPercent(int percent) {
    return new RulesConfig(
        percent,
        rolloutSalt,
        allowSecondPasskeyFromOtherProvider,
        notAllowedCooldown,
        maxPrompts,
        promptCooldown,
        dismissCooldown,
        conditionalCreatePlatforms,
        blockedPlatforms,
        providers,
        browserAliases,
        osAliases,
        platformRollouts);
  }

  public RulesConfig withAllowSecondPasskeyFromOtherProvider(boolean allow) {
    return new RulesConfig(
        rolloutPercent,
        rolloutSalt,
        allow,
        notAllowedCooldown,
        maxPrompts,
        promptCooldown,
        dismissCooldown,
        conditionalCreatePlatforms,
        blockedPlatforms,
        providers,
        browserAliases,
        osAliases,
        platformRollouts);
  }

  public RulesConfig withBlockedPlatforms(List<BlockedPlatform> blocked) {
    return new RulesConfig(
        rolloutPercent,
        rolloutSalt,
        allowSecondPasskeyFromOtherProvider,
        notAllowedCooldown,
        maxPrompts,
        promptCooldown,
        dismissCooldown,
        conditionalCreatePlatforms,
        blocked,
        providers,
        browserAliases,
        osAliases,
        platformRollouts);
  }

  public RulesConfig withConditionalCreatePlatforms(List<ConditionalPlatform> table) {
    return new RulesConfig(
        rolloutPercent,
        rolloutSalt,
        allowSecondPasskeyFromOtherProvider,
        notAllowedCooldown,
        maxPrompts,
        promptCooldown,
        dismissCooldown,
        table,
        blockedPlatforms,
        providers,
        browserAliases,
        osAliases,
        platformRollouts);
  }

  public RulesConfig withPromptLimits(int max, Duration cooldown, Duration dismiss) {
    return new RulesConfig(
        rolloutPercent,
        rolloutSalt,
        allowSecondPasskeyFromOtherProvider,
        notAllowedCooldown,
        max,
        cooldown,
        dismiss,
        conditionalCreatePlatforms,
        blockedPlatforms,
        providers,
        browserAliases,
        osAliases,
        platformRollouts);
  }

  public RulesConfig withBrowserAliases(Map<String, String> aliases) {
    return new RulesConfig(
        rolloutPercent,
        rolloutSalt,
        allowSecondPasskeyFromOtherProvider,
        notAllowedCooldown,
        maxPrompts,
        promptCooldown,
        dismissCooldown,
        conditionalCreatePlatforms,
        blockedPlatforms,
        providers,
        aliases,
        osAliases,
        platformRollouts);
  }

  public RulesConfig withPlatformRollouts(List<PlatformRollout> rollouts) {
    return new RulesConfig(
        rolloutPercent,
        rolloutSalt,
        allowSecondPasskeyFromOtherProvider,
        notAllowedCooldown,
        maxPrompts,
        promptCooldown,
        dismissCooldown,
        conditionalCreatePlatforms,
        blockedPlatforms,
        providers,
        browserAliases,
        osAliases,
        rollouts);
  }

  /**
   * The rollout of {@code platform}: the first row of {@code platformRollouts} that matches it, or
   * {@code rolloutPercent} for both modes when none does.
   */
  public PlatformRollout rolloutFor(PlatformView platform) {
    for (PlatformRollout row : platformRollouts) {
      if (platform.osIs(row.os()) && platform.browserIs(row.browser())) {
        return row;
      }
    }
    return new PlatformRollout(ANY, ANY, rolloutPercent, 100);
  }

  /**
   * What the field constraints cannot say: no two rollout rows for the same platform, no kill
   * switch whose version range is upside down. Empty when consistent.
   *
   * @return problem by field path ({@code platformRollouts[1]}, {@code
   *     blockedPlatforms[0].toBrowserVersion})
   */
  public Map<String, String> inconsistencies() {
    Map<String, String> problems = new LinkedHashMap<>();
    for (int i = 0; i < platformRollouts.size(); i++) {
      PlatformRollout row = platformRollouts.get(i);
      for (int j = 0; j < i; j++) {
        PlatformRollout earlier = platformRollouts.get(j);
        if (row.os() != null
            && row.browser() != null
            && row.os().trim().equalsIgnoreCase(String.valueOf(earlier.os()).trim())
            && row.browser().trim().equalsIgnoreCase(String.valueOf(earlier.browser()).trim())) {
          problems.put(
              "platformRollouts[" + i + "]",
              "duplicates platformRollouts[" + j + "] (" + row.os() + "/" + row.browser() + ")");
          break;
        }
      }
    }
    for (int i = 0; i < blockedPlatforms.size(); i++) {
      BlockedPlatform row = blockedPlatforms.get(i);
      Optional<Version> from = Version.parse(row.fromBrowserVersion());
      Optional<Version> to = Version.parse(row.toBrowserVersion());
      if (from.isPresent() && to.isPresent() && from.get().compareTo(to.get()) > 0) {
        problems.put(
            "blockedPlatforms[" + i + "].toBrowserVersion",
            "must not be below fromBrowserVersion " + row.fromBrowserVersion());
      }
    }
    return problems;
  }

  /**
   * Blank alias keys or values: refused in a document an admin sends (PUT, preview), not in a
   * stored version, which an older service may have accepted; that one keeps working as it did
   * rather than being thrown out whole for the configuration file's rules.
   */
  public Map<String, String> blankAliases() {
    Map<String, String> problems = new LinkedHashMap<>();
    blankAliases("browserAliases", browserAliases, problems);
    blankAliases("osAliases", osAliases, problems);
    return problems;
  }

  /**
   * An alias names a browser or system on both sides, like every other name in the rules: a blank
   * one would give decisions and the funnel a blank label.
   */
  private static void blankAliases(
      String field, Map<String, String> aliases, Map<String, String> problems) {
    aliases.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            alias -> {
              String key =
                  alias.getKey().length() > 100 ? alias.getKey().substring(0, 100) : alias.getKey();
              if (alias.getKey().isBlank()) {
                problems.putIfAbsent(field, "must not name a blank " + nameOf(field));
              } else if (alias.getValue().isBlank()) {
                problems.putIfAbsent(field + "." + key, "must not be blank");
              }
            });
  }

  /**
   * What an administrator's rules may not say about aliases (checked where a change is read, so
   * that stored rules still load): two alias keys that differ only in case (which one applies would
   * depend on a map's order, per instance), and a table row that names an alias rather than what it
   * stands for (a login's name is aliased before rows are compared, so a row for {@code macOS}
   * would match no login).
   */
  public Map<String, String> aliasProblems() {
    Map<String, String> problems = new LinkedHashMap<>();
    clashingAliases("browserAliases", browserAliases, problems);
    clashingAliases("osAliases", osAliases, problems);
    rowNames(
        "conditionalCreatePlatforms",
        conditionalCreatePlatforms,
        ConditionalPlatform::os,
        ConditionalPlatform::browser,
        problems);
    rowNames(
        "blockedPlatforms",
        blockedPlatforms,
        BlockedPlatform::os,
        BlockedPlatform::browser,
        problems);
    rowNames("providers", providers, ProviderMapping::os, ProviderMapping::browser, problems);
    rowNames(
        "platformRollouts",
        platformRollouts,
        PlatformRollout::os,
        PlatformRollout::browser,
        problems);
    return problems;
  }

  private static void clashingAliases(
      String field, Map<String, String> aliases, Map<String, String> problems) {
    Map<String, String> seen = new java.util.TreeMap<>();
    aliases.keySet().stream()
        .sorted()
        .forEach(
            key -> {
              String before = seen.putIfAbsent(key.trim().toLowerCase(java.util.Locale.ROOT), key);
              if (before != null) {
                problems.putIfAbsent(
                    field + "." + key,
                    "names the same "
                        + nameOf(field)
                        + " as "
                        + before
                        + " (names are compared without case)");
              }
            });
  }

  private <T> void rowNames(
      String table,
      List<T> rows,
      java.util.function.Function<T, String> os,
      java.util.function.Function<T, String> browser,
      Map<String, String> problems) {
    for (int i = 0; i < rows.size(); i++) {
      aliasedName(table + "[" + i + "].os", os.apply(rows.get(i)), osAliases, problems);
      aliasedName(
          table + "[" + i + "].browser", browser.apply(rows.get(i)), browserAliases, problems);
    }
  }

  /** A row's name that is an alias key: what it stands for is to be written instead. */
  private static void aliasedName(
      String field, String name, Map<String, String> aliases, Map<String, String> problems) {
    if (name == null) {
      return;
    }
    String target = PlatformView.alias(name, aliases);
    if (!target.equals(name.trim())) {
      problems.putIfAbsent(
          field,
          "is an alias of "
              + target
              + ": write "
              + target
              + " (a login named "
              + name.trim()
              + " is compared as "
              + target
              + ")");
    }
  }

  private static String nameOf(String field) {
    return field.startsWith("os") ? "system" : "browser";
  }

  /**
   * The default table: Safari 18+ on iOS/iPadOS 18+ and on macOS (Safari freezes the macOS version
   * in its User-Agent, so only the Safari version counts there), Chrome 136+ on desktop, Chrome
   * 141+ on Android.
   */
  public static List<ConditionalPlatform> defaultConditionalCreatePlatforms() {
    return List.of(
        new ConditionalPlatform("iOS", "Safari", "18", "18", List.of(), List.of()),
        new ConditionalPlatform("Mac OS", "Safari", "18", null, List.of(), List.of()),
        new ConditionalPlatform("Windows", "Chrome", "136", null, List.of(), List.of()),
        new ConditionalPlatform("Mac OS", "Chrome", "136", null, List.of(), List.of()),
        new ConditionalPlatform("Linux", "Chrome", "136", null, List.of("Desktop"), List.of()),
        new ConditionalPlatform("Chrome OS", "Chrome", "136", null, List.of(), List.of()),
        new ConditionalPlatform("Android", "Chrome", "141", null, List.of(), List.of()));
  }

  public static List<ProviderMapping> defaultProviders() {
    return List.of(
        new ProviderMapping("iOS", ANY, "iCloud Keychain"),
        new ProviderMapping("Mac OS", "Safari", "iCloud Keychain"),
        new ProviderMapping(ANY, "Chrome", "Google Password Manager"),
        new ProviderMapping("Android", ANY, "Google Password Manager"),
        new ProviderMapping("Windows", "Edge", "Windows Hello"));
  }

  public static Map<String, String> defaultOsAliases() {
    Map<String, String> aliases = new LinkedHashMap<>();
    aliases.put("iPadOS", "iOS");
    aliases.put("macOS", "Mac OS");
    aliases.put("Mac OS X", "Mac OS");
    aliases.put("Windows NT", "Windows");
    aliases.put("ChromeOS", "Chrome OS");
    return aliases;
  }

  private static Duration nonNegative(Duration value, Duration fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative()) {
      throw new InvalidSetting(name, "must not be negative");
    }
    if (value.compareTo(MAX_DURATION) > 0) {
      throw new InvalidSetting(name, "must be at most " + MAX_DURATION.toDays() + " days");
    }
    return value;
  }

  /** A setting out of its range; names the field. */
  public static final class InvalidSetting extends IllegalArgumentException {
    private final String field;

    public InvalidSetting(String field, String problem) {
      super(field + " " + problem);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /**
   * One row of the conditional-create table.
   *
   * @param os OS name (or {@code *}), compared case-insensitively after {@code osAliases}
   * @param browser browser name (or {@code *}), after {@code browserAliases}
   * @param minBrowserVersion lowest browser version, e.g. {@code 136} or {@code 18.2}
   * @param minOsVersion lowest OS version; absent where the OS version is not reliable (macOS)
   * @param deviceClasses device classes this row covers ({@code Desktop}, {@code Phone}, ...);
   *     empty for all
   * @param excludedBrowserVersions known-bad versions (a prefix: {@code 137} covers {@code
   *     137.0.1}) that get no conditional create
   */
  public record ConditionalPlatform(
      @NotBlank @Size(max = 64) String os,
      @NotBlank @Size(max = 64) String browser,
      @NotBlank @Pattern(regexp = VERSION) String minBrowserVersion,
      @Schema(nullable = true) @Pattern(regexp = VERSION) String minOsVersion,
      @Size(max = 10) List<String> deviceClasses,
      @Size(max = 100) List<@Pattern(regexp = VERSION) String> excludedBrowserVersions) {
    public ConditionalPlatform {
      deviceClasses = deviceClasses == null ? List.of() : List.copyOf(deviceClasses);
      excludedBrowserVersions =
          excludedBrowserVersions == null ? List.of() : List.copyOf(excludedBrowserVersions);
    }
  }

  /**
   * A kill switch: a platform, or a range of its browser versions, that gets no upgrade at all
   * (neither conditional nor prompt). With no versions and no range every version is off.
   *
   * @param os OS name or {@code *}
   * @param browser browser name or {@code *}
   * @param browserVersions version prefixes that are off ({@code 137} covers {@code 137.0.1})
   * @param note why, for the rule trace and the rules page: at most 200 characters (bounded here at
   *     400 UTF-16 units, what 200 emoji take); a change an administrator sends must hold visible
   *     text ({@code VisibleText}, no control or bidi characters: checked where the change is read,
   *     {@code RulesDocument}, so that rules stored or configured before that rule still load)
   * @param fromBrowserVersion lowest version of a range that is off (inclusive)
   * @param toBrowserVersion highest version of a range that is off (inclusive, as a prefix: {@code
   *     137.9} covers {@code 137.9.7151})
   */
  public record BlockedPlatform(
      @NotBlank @Size(max = 64) String os,
      @NotBlank @Size(max = 64) String browser,
      @Size(max = 100) List<@Pattern(regexp = VERSION) String> browserVersions,
      @Size(max = 400) @Schema(maxLength = 200) String note,
      @Schema(nullable = true) @Pattern(regexp = VERSION) String fromBrowserVersion,
      @Schema(nullable = true) @Pattern(regexp = VERSION) String toBrowserVersion) {
    public BlockedPlatform {
      browserVersions = browserVersions == null ? List.of() : List.copyOf(browserVersions);
      note = note == null ? "" : note;
    }

    public BlockedPlatform(String os, String browser, List<String> browserVersions, String note) {
      this(os, browser, browserVersions, note, null, null);
    }

    /** Every version is off: no prefixes and no range. */
    public boolean everyVersion() {
      return browserVersions.isEmpty() && fromBrowserVersion == null && toBrowserVersion == null;
    }

    /** Whether {@code version} is in the range (an open end reaches as far as it goes). */
    public boolean inRange(Version version) {
      if (fromBrowserVersion == null && toBrowserVersion == null) {
        return false;
      }
      boolean above = fromBrowserVersion == null || version.atLeast(Version.of(fromBrowserVersion));
      boolean below =
          toBrowserVersion == null
              || version.compareTo(Version.of(toBrowserVersion)) <= 0
              || version.startsWith(Version.of(toBrowserVersion));
      return above && below;
    }

    /** e.g. {@code 137.0-137.9}, for the rule trace. */
    public String range() {
      return (fromBrowserVersion == null ? "" : fromBrowserVersion)
          + "-"
          + (toBrowserVersion == null ? "" : toBrowserVersion);
    }
  }

  /**
   * The rollout of one platform.
   *
   * @param os OS name or {@code *}, after {@code osAliases}
   * @param browser browser name or {@code *}, after {@code browserAliases}
   * @param percent share of users (by the stable bucket) that get any upgrade on this platform
   * @param conditionalPercent share of users (same bucket) for whom a silent create is tried; the
   *     others get the prompt. The automatic brake lowers this one.
   */
  public record PlatformRollout(
      @NotBlank @Size(max = 64) String os,
      @NotBlank @Size(max = 64) String browser,
      @NotNull @Min(0) @Max(100) Integer percent,
      @Min(0) @Max(100) Integer conditionalPercent) {
    public PlatformRollout {
      conditionalPercent = conditionalPercent == null ? 100 : conditionalPercent;
    }

    public String label() {
      return os + "/" + browser;
    }
  }

  /** The passkey provider a platform saves to; the first matching row wins. */
  public record ProviderMapping(
      @NotBlank @Size(max = 64) String os,
      @NotBlank @Size(max = 64) String browser,
      @NotBlank @Size(max = 100) String provider) {}
}
