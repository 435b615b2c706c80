package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.rules.RulesConfig.PlatformRollout;

/**
 * Conditional create: the user's stable rollout bucket is inside the platform's {@code
 * conditionalPercent} (what the automatic brake lowers); outside it the login can still get the
 * prompt.
 */
public final class InsideConditionalRolloutRule implements Rule {
  @Override
  public String name() {
    return "inside-conditional-rollout";
  }

  @Override
  public RuleOutcome evaluate(DecisionInput input, RulesConfig config) {
    PlatformView platform = PlatformView.of(input.login().platform(), config);
    PlatformRollout rollout = config.rolloutFor(platform);
    int bucket = Rollout.bucket(input.login().userId(), config.rolloutSalt());
    String detail =
        "bucket " + bucket + " of conditional rollout " + rollout.conditionalPercent() + "%";
    return bucket < rollout.conditionalPercent()
        ? RuleOutcome.pass(detail)
        : RuleOutcome.fail(SkipReasons.ROLLOUT_EXCLUDED, detail);
  }
}
