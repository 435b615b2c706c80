package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.Fixtures;
import org.junit.jupiter.api.Test;

class PasswordAutofilledRuleTest {
  private final Rule rule = new PasswordAutofilledRule();

  @Test
  void passesWhenThePasswordManagerFilledThePassword() {
    assertThat(
            rule.evaluate(
                    RuleInputs.login(Fixtures.IOS_SAFARI_18, Fixtures.ALL_CAPABILITIES, true),
                    RulesConfig.defaults())
                .passed())
        .isTrue();
  }

  @Test
  void failsWithNotAutofilledWhenThePasswordWasTyped() {
    RuleOutcome outcome =
        rule.evaluate(
            RuleInputs.login(Fixtures.IOS_SAFARI_18, Fixtures.ALL_CAPABILITIES, false),
            RulesConfig.defaults());
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.NOT_AUTOFILLED);
  }
}
