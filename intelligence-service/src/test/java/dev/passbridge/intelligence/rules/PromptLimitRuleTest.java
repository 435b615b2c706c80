package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.Fixtures;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PromptLimitRuleTest {
  private final Rule rule = new PromptLimitRule();
  private final RulesConfig config = RulesConfig.defaults();

  private PasskeyProfile prompted(int times, Instant last) {
    PasskeyProfile profile = PasskeyProfile.empty();
    for (int i = times - 1; i >= 0; i--) {
      profile = profile.withPromptShown(last.minus(Duration.ofDays(i)), config);
    }
    return profile;
  }

  private RuleOutcome at(PasskeyProfile profile, Instant now) {
    DecisionInput login = RuleInputs.login(Fixtures.WINDOWS_FIREFOX);
    return rule.evaluate(new DecisionInput(login.login(), profile, now), config);
  }

  @Test
  void allowsUpToThreePrompts() {
    Instant last = RuleInputs.NOW.minus(Duration.ofDays(1));
    assertThat(at(prompted(2, last), RuleInputs.NOW).passed()).isTrue();
  }

  @Test
  void afterThreePromptsWaitsThirtyDays() {
    Instant last = RuleInputs.NOW.minus(Duration.ofDays(1));
    RuleOutcome outcome = at(prompted(3, last), RuleInputs.NOW);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.PROMPT_LIMIT);
    assertThat(at(prompted(3, last), last.plus(Duration.ofDays(30)).minusSeconds(1)).passed())
        .isFalse();
  }

  @Test
  void theCountStartsAgainAfterTheCooldown() {
    Instant last = RuleInputs.NOW.minus(Duration.ofDays(30));
    PasskeyProfile profile = prompted(3, last);
    assertThat(at(profile, RuleInputs.NOW).passed()).isTrue();
    PasskeyProfile again = profile.withPromptShown(RuleInputs.NOW, config);
    assertThat(again.promptsInEpisode()).isEqualTo(1);
  }

  @Test
  void zeroMaxPromptsSwitchesPromptsOff() {
    RulesConfig none =
        RulesConfig.defaults().withPromptLimits(0, Duration.ofDays(30), Duration.ZERO);
    DecisionInput login = RuleInputs.login(Fixtures.WINDOWS_FIREFOX);
    assertThat(rule.evaluate(login, none).passed()).isFalse();
  }
}
