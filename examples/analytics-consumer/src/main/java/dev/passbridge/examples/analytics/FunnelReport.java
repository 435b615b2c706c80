package dev.passbridge.examples.analytics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The funnel over a date range, in the shape of intelligence-service's {@code GET
 * /api/insights/funnel}: totals, per platform, per UTC day with the day's platforms, and per source
 * ({@code HOSTED} logins on Passbridge's pages, {@code CONNECT} logins a platform reported).
 *
 * @param sources the counts of each source ({@code HOSTED}, {@code CONNECT}; only the chosen one
 *     when {@code source} is set)
 * @param source the source every count is restricted to, or null for all
 */
public record FunnelReport(
    LocalDate from,
    LocalDate to,
    Counts total,
    List<PlatformCounts> platforms,
    List<DayCounts> days,
    List<SourceCounts> sources,
    String source) {

  /** The counts of one slice (a day, a platform, a day and platform, or the whole range). */
  public record Counts(
      long passwordLogins,
      long secondFactorPassed,
      Map<String, Long> eligible,
      Map<String, Long> skipped,
      Map<String, Long> upgradeFailed,
      Map<String, Long> passkeysCreated,
      long passkeyLogins,
      long firstPasskeyLogins) {}

  public record PlatformCounts(String platform, Counts counts) {}

  public record DayCounts(LocalDate date, Counts total, List<PlatformCounts> platforms) {}

  public record SourceCounts(String source, Counts counts) {}

  /**
   * One counter: a step of a day, platform and source, with its detail (mode, reason, error name).
   */
  public record Key(LocalDate day, String platform, Step step, String detail, String source) {
    /** A hosted login's counter. */
    public Key(LocalDate day, String platform, Step step, String detail) {
      this(day, platform, step, detail, Events.HOSTED);
    }
  }

  /** The funnel steps, with the codes intelligence-service uses for them. */
  public enum Step {
    PASSWORD_LOGIN("password_login"),
    SECOND_FACTOR_PASSED("second_factor_passed"),
    ELIGIBLE("eligible"),
    SKIPPED("skipped"),
    UPGRADE_FAILED("upgrade_failed"),
    PASSKEY_CREATED("passkey_created"),
    PASSKEY_LOGIN("passkey_login"),
    FIRST_PASSKEY_LOGIN("first_passkey_login");

    private final String code;

    Step(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** Builds the report from counters; counters outside {@code from..to} are left out. */
  public static FunnelReport of(LocalDate from, LocalDate to, Map<Key, Long> counters) {
    return of(from, to, counters, null);
  }

  /** As {@link #of(LocalDate, LocalDate, Map)}, counting only {@code source} (null: all). */
  public static FunnelReport of(
      LocalDate from, LocalDate to, Map<Key, Long> counters, String source) {
    CountsBuilder total = new CountsBuilder();
    Map<String, CountsBuilder> bySource = new LinkedHashMap<>();
    for (String s : List.of(Events.HOSTED, Events.CONNECT)) {
      if (source == null || source.equals(s)) {
        bySource.put(s, new CountsBuilder());
      }
    }
    Map<String, CountsBuilder> byPlatform = new TreeMap<>();
    Map<LocalDate, CountsBuilder> byDay = new TreeMap<>();
    Map<LocalDate, Map<String, CountsBuilder>> byDayAndPlatform = new TreeMap<>();
    counters.forEach(
        (key, count) -> {
          if (key.day().isBefore(from)
              || key.day().isAfter(to)
              || (source != null && !source.equals(key.source()))) {
            return;
          }
          total.add(key, count);
          bySource.get(key.source()).add(key, count);
          byPlatform.computeIfAbsent(key.platform(), p -> new CountsBuilder()).add(key, count);
          byDay.computeIfAbsent(key.day(), d -> new CountsBuilder()).add(key, count);
          byDayAndPlatform
              .computeIfAbsent(key.day(), d -> new TreeMap<>())
              .computeIfAbsent(key.platform(), p -> new CountsBuilder())
              .add(key, count);
        });
    List<DayCounts> days =
        byDay.entrySet().stream()
            .map(
                day ->
                    new DayCounts(
                        day.getKey(),
                        day.getValue().build(),
                        platforms(byDayAndPlatform.get(day.getKey()))))
            .toList();
    List<SourceCounts> sources =
        bySource.entrySet().stream()
            .map(e -> new SourceCounts(e.getKey(), e.getValue().build()))
            .toList();
    return new FunnelReport(from, to, total.build(), platforms(byPlatform), days, sources, source);
  }

  private static List<PlatformCounts> platforms(Map<String, CountsBuilder> builders) {
    return builders.entrySet().stream()
        .map(e -> new PlatformCounts(e.getKey(), e.getValue().build()))
        .toList();
  }

  private static final class CountsBuilder {
    private long passwordLogins;
    private long secondFactorPassed;
    private final Map<String, Long> eligible = new TreeMap<>();
    private final Map<String, Long> skipped = new TreeMap<>();
    private final Map<String, Long> upgradeFailed = new TreeMap<>();
    private final Map<String, Long> passkeysCreated = new TreeMap<>();
    private long passkeyLogins;
    private long firstPasskeyLogins;

    void add(Key key, long count) {
      String d = key.detail() == null ? Funnel.OTHER : key.detail();
      switch (key.step()) {
        case PASSWORD_LOGIN -> passwordLogins += count;
        case SECOND_FACTOR_PASSED -> secondFactorPassed += count;
        case ELIGIBLE -> eligible.merge(d, count, Long::sum);
        case SKIPPED -> skipped.merge(d, count, Long::sum);
        case UPGRADE_FAILED -> upgradeFailed.merge(d, count, Long::sum);
        case PASSKEY_CREATED -> passkeysCreated.merge(d, count, Long::sum);
        case PASSKEY_LOGIN -> passkeyLogins += count;
        case FIRST_PASSKEY_LOGIN -> firstPasskeyLogins += count;
      }
    }

    Counts build() {
      return new Counts(
          passwordLogins,
          secondFactorPassed,
          new TreeMap<>(eligible),
          new TreeMap<>(skipped),
          new TreeMap<>(upgradeFailed),
          new TreeMap<>(passkeysCreated),
          passkeyLogins,
          firstPasskeyLogins);
    }
  }
}
