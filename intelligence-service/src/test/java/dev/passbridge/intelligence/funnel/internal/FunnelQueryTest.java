package dev.passbridge.intelligence.funnel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.intelligence.funnel.FunnelKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading stored counters into the report's keys. */
class FunnelQueryTest {

  /**
   * Counters stored under platform names from before the fixed list (Linux/Probe) and today's
   * (Linux/Other) are one key now: summed, not the last one read.
   */
  @Test
  void storedKeysThatDecodeToOneKeyAreSummed() {
    Map<FunnelKey, Long> entries = new LinkedHashMap<>();
    FunnelQuery.add(entries, "2026-12-07|Linux/Probe|eligible|CONDITIONAL", 2);
    FunnelQuery.add(entries, "2026-12-07|Linux/HeadlessThing|eligible|CONDITIONAL", 3);
    FunnelQuery.add(entries, "2026-12-07|Linux/Other|eligible|CONDITIONAL", 4);
    FunnelQuery.add(entries, "2026-12-07|Linux/Chrome|eligible|CONDITIONAL", 5);

    assertThat(entries).hasSize(2);
    assertThat(entries.get(FunnelKey.decode("2026-12-07|Linux/Other|eligible|CONDITIONAL")))
        .isEqualTo(9L);
    assertThat(entries.get(FunnelKey.decode("2026-12-07|Linux/Chrome|eligible|CONDITIONAL")))
        .isEqualTo(5L);
  }
}
