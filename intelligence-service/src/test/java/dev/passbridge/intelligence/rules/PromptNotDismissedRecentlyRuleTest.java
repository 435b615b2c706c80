package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromptNotDismissedRecentlyRuleTest {
  private final Rule rule = new PromptNotDismissedRecentlyRule();

  private static DecisionInput dismissed(Duration ago) {
    return RuleInputs.withProfile(
        RuleInputs.login(Fixtures.WINDOWS_FIREFOX),
        PasskeyProfile.empty()
            .withUpgradeFailure(
                PasskeyUpgradeFailed.DISMISSED, "windows/firefox", RuleInputs.NOW.minus(ago)));
  }

  @Test
  void passesWhenTheUserNeverSaidNotNow() {
    assertThat(
            rule.evaluate(RuleInputs.login(Fixtures.WINDOWS_FIREFOX), RulesConfig.defaults())
                .passed())
        .isTrue();
  }

  @Test
  void failsWithCooldownRightAfterNotNow() {
    RuleOutcome outcome = rule.evaluate(dismissed(Duration.ofHours(2)), RulesConfig.defaults());
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.COOLDOWN);
  }

  @Test
  void passesAgainAfterTheDismissCooldown() {
    assertThat(rule.evaluate(dismissed(Duration.ofDays(1)), RulesConfig.defaults()).passed())
        .isTrue();
  }

  @Test
  void aZeroCooldownSwitchesItOff() {
    RulesConfig config =
        RulesConfig.defaults().withPromptLimits(3, Duration.ofDays(30), Duration.ZERO);
    assertThat(rule.evaluate(dismissed(Duration.ZERO), config).passed()).isTrue();
  }
}
