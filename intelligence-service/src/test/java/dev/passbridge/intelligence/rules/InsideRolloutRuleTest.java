package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.Fixtures;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InsideRolloutRuleTest {
  private final Rule rule = new InsideRolloutRule();

  @Test
  void everyoneIsInsideAtOneHundredPercent() {
    assertThat(
            rule.evaluate(RuleInputs.login(Fixtures.IOS_SAFARI_18), RulesConfig.defaults())
                .passed())
        .isTrue();
  }

  @Test
  void nobodyIsInsideAtZeroPercent() {
    RuleOutcome outcome =
        rule.evaluate(
            RuleInputs.login(Fixtures.IOS_SAFARI_18), RulesConfig.defaults().withRolloutPercent(0));
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.ROLLOUT_EXCLUDED);
  }

  @Test
  void aUserIsInsideExactlyWhenTheirStableBucketIsBelowThePercentage() {
    DecisionInput input = RuleInputs.login(Fixtures.IOS_SAFARI_18);
    int bucket = Rollout.bucket(RuleInputs.USER, "");
    assertThat(rule.evaluate(input, RulesConfig.defaults().withRolloutPercent(bucket)).passed())
        .isFalse();
    assertThat(rule.evaluate(input, RulesConfig.defaults().withRolloutPercent(bucket + 1)).passed())
        .isTrue();
  }

  @Test
  void aboutTheConfiguredShareOfUsersIsInside() {
    RulesConfig thirty = RulesConfig.defaults().withRolloutPercent(30);
    long inside =
        IntStream.range(0, 10_000)
            .filter(
                i ->
                    rule.evaluate(
                            RuleInputs.withUser(
                                RuleInputs.login(Fixtures.IOS_SAFARI_18),
                                UUID.nameUUIDFromBytes(("user" + i).getBytes())),
                            thirty)
                        .passed())
            .count();
    assertThat(inside).isBetween(2_800L, 3_200L);
  }
}
