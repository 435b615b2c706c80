package dev.passbridge.intelligence.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunnelReportTest {
  private static final LocalDate D1 = LocalDate.parse("2025-09-15");
  private static final LocalDate D2 = D1.plusDays(1);

  @Test
  void addsUpPerDayPerPlatformAndInTotal() {
    Map<FunnelKey, Long> counters = new LinkedHashMap<>();
    counters.put(new FunnelKey(D1, "iOS/Safari", FunnelStep.PASSWORD_LOGIN, null), 10L);
    counters.put(new FunnelKey(D2, "iOS/Safari", FunnelStep.PASSWORD_LOGIN, null), 5L);
    counters.put(new FunnelKey(D1, "Windows/Chrome", FunnelStep.PASSWORD_LOGIN, null), 7L);
    counters.put(new FunnelKey(D1, "iOS/Safari", FunnelStep.ELIGIBLE, "CONDITIONAL"), 4L);
    counters.put(new FunnelKey(D2, "iOS/Safari", FunnelStep.ELIGIBLE, "CONDITIONAL"), 2L);
    counters.put(new FunnelKey(D1, "Windows/Chrome", FunnelStep.SKIPPED, "HAS_PASSKEY"), 3L);
    counters.put(
        new FunnelKey(D1.minusDays(1), "iOS/Safari", FunnelStep.PASSWORD_LOGIN, null), 99L);

    FunnelReport report = FunnelReport.of(D1, D2, counters);

    assertThat(report.total().passwordLogins()).isEqualTo(22);
    assertThat(report.total().eligible()).containsEntry("CONDITIONAL", 6L);
    assertThat(report.total().eligibleTotal()).isEqualTo(6);
    assertThat(report.platforms())
        .extracting(FunnelReport.PlatformCounts::platform)
        .containsExactly("Windows/Chrome", "iOS/Safari");
    assertThat(report.platforms().get(1).counts().passwordLogins()).isEqualTo(15);
    assertThat(report.days()).extracting(FunnelReport.DayCounts::date).containsExactly(D1, D2);
    assertThat(report.days().getFirst().total().passwordLogins()).isEqualTo(17);
    assertThat(report.days().getFirst().platforms()).hasSize(2);
    assertThat(report.days().getLast().total().skipped()).isEmpty();
  }
}
