package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.rules.RulesConfig.PlatformRollout;

/**
 * Gate: the user's stable rollout bucket is inside the rollout of the login's platform (its row of
 * {@code platformRollouts}, else {@code rolloutPercent}).
 */
public final class InsideRolloutRule implements Rule {
  @Override
  public String name() {
    return "inside-rollout";
  }

  @Override
  public RuleOutcome evaluate(DecisionInput input, RulesConfig config) {
    PlatformView platform = PlatformView.of(input.login().platform(), config);
    PlatformRollout rollout = config.rolloutFor(platform);
    int bucket = Rollout.bucket(input.login().userId(), config.rolloutSalt());
    String detail =
        "bucket "
            + bucket
            + " of rollout "
            + rollout.percent()
            + "%"
            + (RulesConfig.ANY.equals(rollout.os()) && RulesConfig.ANY.equals(rollout.browser())
                ? ""
                : " (" + rollout.label() + ")");
    return bucket < rollout.percent()
        ? RuleOutcome.pass(detail)
        : RuleOutcome.fail(SkipReasons.ROLLOUT_EXCLUDED, detail);
  }
}
