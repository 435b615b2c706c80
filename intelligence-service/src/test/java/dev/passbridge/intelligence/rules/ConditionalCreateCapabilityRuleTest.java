package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionalCreateCapabilityRuleTest {
  private final Rule rule = new ConditionalCreateCapabilityRule();

  @Test
  void passesWhenTheBrowserReportsConditionalCreate() {
    assertThat(
            rule.evaluate(RuleInputs.login(Fixtures.IOS_SAFARI_18), RulesConfig.defaults())
                .passed())
        .isTrue();
  }

  @Test
  void failsWhenReportedFalse() {
    RuleOutcome outcome =
        rule.evaluate(
            RuleInputs.login(Fixtures.IOS_SAFARI_18, Fixtures.AUTHENTICATOR_ONLY, true),
            RulesConfig.defaults());
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.NO_CONDITIONAL_CREATE);
    assertThat(outcome.detail()).contains("reported false");
  }

  @Test
  void aMissingKeyCountsAsFalse() {
    RuleOutcome outcome =
        rule.evaluate(
            RuleInputs.login(
                Fixtures.IOS_SAFARI_18, Map.of("passkeyPlatformAuthenticator", true), true),
            RulesConfig.defaults());
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).contains("not reported");
  }
}
