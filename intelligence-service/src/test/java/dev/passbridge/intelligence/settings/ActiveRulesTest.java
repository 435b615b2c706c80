package dev.passbridge.intelligence.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.intelligence.rules.RulesConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActiveRulesTest {
  private final ActiveRules active = new ActiveRules(RulesConfig.defaults().withRolloutPercent(50));

  @Test
  void withNothingOnTheTopicTheConfiguredRulesApply() {
    RulesSnapshot snapshot = active.resolve(null);
    assertThat(snapshot.version()).isZero();
    assertThat(snapshot.changedBy()).isEqualTo(RulesSnapshot.FROM_CONFIGURATION);
    assertThat(snapshot.rules().rolloutPercent()).isEqualTo(50);
  }

  @Test
  void anAdminVersionOnTheTopicReplacesThem() {
    RulesSnapshot admin =
        new RulesSnapshot(
            3,
            Instant.parse("2025-09-01T00:00:00Z"),
            "u1",
            RulesConfig.defaults().withRolloutPercent(5));
    String raw = ActiveRules.encode(admin);
    assertThat(active.resolve(raw)).isEqualTo(admin);
    assertThat(active.resolve(raw)).isSameAs(active.resolve(raw));
  }

  @Test
  void unreadableRulesKeepThePreviousOnes() {
    RulesSnapshot admin =
        new RulesSnapshot(1, Instant.now(), "u1", RulesConfig.defaults().withRolloutPercent(7));
    active.resolve(ActiveRules.encode(admin));
    assertThat(active.resolve("{not json").rules().rolloutPercent()).isEqualTo(7);
    assertThat(new ActiveRules(RulesConfig.defaults()).resolve("{not json").version()).isZero();
  }

  /**
   * A kill switch's note stored before the visible-text rule for administrators' changes (a tab, a
   * bidi mark) still loads: a snapshot that no longer loaded would put the configured rules back.
   */
  @Test
  void aStoredNoteFromBeforeTheVisibleTextRuleStillLoads() {
    String raw =
        "{\"version\":3,\"changedAt\":\"2026-12-01T10:00:00Z\",\"changedBy\":\"u1\","
            + "\"rules\":{\"rolloutPercent\":9,\"blockedPlatforms\":[{\"os\":\"iOS\","
            + "\"browser\":\"Safari\",\"note\":\"broken\\tsince 18.2\\u200e\"}]}}";
    RulesSnapshot snapshot = ActiveRules.decode(raw);
    assertThat(snapshot.version()).isEqualTo(3);
    assertThat(snapshot.rules().blockedPlatforms().getFirst().note())
        .isEqualTo("broken\tsince 18.2\u200e");
    assertThat(active.resolve(raw).version()).isEqualTo(3);
  }
}
