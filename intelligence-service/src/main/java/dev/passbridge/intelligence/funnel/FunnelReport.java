package dev.passbridge.intelligence.funnel;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The funnel over a date range (UTC days): totals, per platform, per day (with the day's
 * platforms), and per source ({@code HOSTED} logins on Passbridge's pages, {@code CONNECT} logins a
 * platform reported; both always listed).
 *
 * @param source the source the report is restricted to, or null for all
 */
@Schema(requiredProperties = {"from", "to", "total", "platforms", "days", "sources", "source"})
public record FunnelReport(
    LocalDate from,
    LocalDate to,
    FunnelCounts total,
    List<PlatformCounts> platforms,
    List<DayCounts> days,
    List<SourceCounts> sources,
    // a string, not the enum: swagger-core writes a nullable enum without null among its values
    @Schema(
            implementation = String.class,
            nullable = true,
            description =
                "`HOSTED` or `CONNECT`: the source the report is restricted to; null: all.")
        @Nullable
        LoginSource source) {

  @Schema(requiredProperties = {"platform", "counts"})
  public record PlatformCounts(String platform, FunnelCounts counts) {}

  @Schema(requiredProperties = {"source", "counts"})
  public record SourceCounts(LoginSource source, FunnelCounts counts) {}

  @Schema(requiredProperties = {"date", "total", "platforms"})
  public record DayCounts(LocalDate date, FunnelCounts total, List<PlatformCounts> platforms) {}

  /** Builds the report from counter entries ({@link FunnelKey} → count) of the range. */
  public static FunnelReport of(LocalDate from, LocalDate to, Map<FunnelKey, Long> counters) {
    return of(from, to, counters, null);
  }

  /** As {@link #of(LocalDate, LocalDate, Map)}, counting only {@code source} (null: all). */
  public static FunnelReport of(
      LocalDate from, LocalDate to, Map<FunnelKey, Long> counters, @Nullable LoginSource source) {
    FunnelCounts.Builder total = new FunnelCounts.Builder();
    Map<LoginSource, FunnelCounts.Builder> bySource = new EnumMap<>(LoginSource.class);
    for (LoginSource s : LoginSource.values()) {
      if (source == null || source == s) {
        bySource.put(s, new FunnelCounts.Builder());
      }
    }
    Map<String, FunnelCounts.Builder> byPlatform = new TreeMap<>();
    Map<LocalDate, FunnelCounts.Builder> byDay = new TreeMap<>();
    Map<LocalDate, Map<String, FunnelCounts.Builder>> byDayAndPlatform = new TreeMap<>();
    counters.forEach(
        (key, count) -> {
          if (key.day().isBefore(from)
              || key.day().isAfter(to)
              || (source != null && key.source() != source)) {
            return;
          }
          total.add(key.step(), key.detail(), count);
          bySource.get(key.source()).add(key.step(), key.detail(), count);
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
    List<SourceCounts> sources =
        bySource.entrySet().stream()
            .map(e -> new SourceCounts(e.getKey(), e.getValue().build()))
            .toList();
    return new FunnelReport(from, to, total.build(), platforms(byPlatform), days, sources, source);
  }

  private static List<PlatformCounts> platforms(Map<String, FunnelCounts.Builder> builders) {
    return builders.entrySet().stream()
        .map(e -> new PlatformCounts(e.getKey(), e.getValue().build()))
        .toList();
  }
}
