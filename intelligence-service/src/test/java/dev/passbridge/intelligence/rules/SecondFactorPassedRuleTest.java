package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.Fixtures;
import org.junit.jupiter.api.Test;

class SecondFactorPassedRuleTest {
  private final Rule rule = new SecondFactorPassedRule();
  private final DecisionInput login = RuleInputs.login(Fixtures.IOS_SAFARI_18);

  @Test
  void passesWhenTheCodeWasVerified() {
    assertThat(rule.evaluate(login, RulesConfig.defaults()).passed()).isTrue();
  }

  @Test
  void failsWithSecondFactorTimeoutWhenNoCodeArrivedInTheWindow() {
    RuleOutcome outcome =
        rule.evaluate(
            RuleInputs.withSecondFactor(login, SecondFactorOutcome.TIMED_OUT),
            RulesConfig.defaults());
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.SECOND_FACTOR_TIMEOUT);
  }

  @Test
  void failsWithSecondFactorLockedWhenTheCodeWasLocked() {
    RuleOutcome outcome =
        rule.evaluate(
            RuleInputs.withSecondFactor(login, SecondFactorOutcome.LOCKED), RulesConfig.defaults());
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.SECOND_FACTOR_LOCKED);
  }

  @Test
  void failsWithSecondFactorMissingWhenTheConnectPlatformReportedNone() {
    RuleOutcome outcome =
        rule.evaluate(
            RuleInputs.withSecondFactor(login, SecondFactorOutcome.MISSING),
            RulesConfig.defaults());
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.SECOND_FACTOR_MISSING);
  }
}
