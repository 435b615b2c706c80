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
}
