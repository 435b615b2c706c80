package dev.passbridge.intelligence.funnel;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The funnel over a date range (UTC days): totals, per platform, and per day (with the day's
 * platforms).
 */
public record FunnelReport(
    LocalDate from,
    LocalDate to,
    FunnelCounts total,
    List<PlatformCounts> platforms,
    List<DayCounts> days) {

  public record PlatformCounts(String platform, FunnelCounts counts) {}

  public record DayCounts(LocalDate date, FunnelCounts total, List<PlatformCounts> platforms) {}

  /** Builds the report from counter entries ({@link FunnelKey} → count) of the range. */
  public static FunnelReport of(LocalDate from, LocalDate to, Map<FunnelKey, Long> counters) {
    FunnelCounts.Builder total = new FunnelCounts.Builder();
    Map<String, FunnelCounts.Builder> byPlatform = new TreeMap<>();
    Map<LocalDate, FunnelCounts.Builder> byDay = new TreeMap<>();
    Map<LocalDate, Map<String, FunnelCounts.Builder>> byDayAndPlatform = new TreeMap<>();
    counters.forEach(
        (key, count) -> {
          if (key.day().isBefore(from) || key.day().isAfter(to)) {
            return;
          }
          total.add(key.step(), key.detail(), count);
          byPlatform
              .computeIfAbsent(key.platform(), p -> new FunnelCounts.Builder())
              .add(key.step(), key.detail(), count);
          byDay
              .computeIfAbsent(key.day(), d -> new FunnelCounts.Builder())
              .add(key.step(), key.detail(), count);
          byDayAndPlatform
              .computeIfAbsent(key.day(), d -> new TreeMap<>())
              .computeIfAbsent(key.platform(), p -> new FunnelCounts.Builder())
              .add(key.step(), key.detail(), count);
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
    return new FunnelReport(from, to, total.build(), platforms(byPlatform), days);
  }

  private static List<PlatformCounts> platforms(Map<String, FunnelCounts.Builder> builders) {
    return builders.entrySet().stream()
        .map(e -> new PlatformCounts(e.getKey(), e.getValue().build()))
        .toList();
  }
}
