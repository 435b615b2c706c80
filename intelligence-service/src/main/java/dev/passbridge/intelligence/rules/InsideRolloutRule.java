package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;

/** Gate: the user's stable rollout bucket is inside {@code rolloutPercent}. */
public final class InsideRolloutRule implements Rule {
  @Override
  public String name() {
    return "inside-rollout";
  }

  @Override
  public RuleOutcome evaluate(DecisionInput input, RulesConfig config) {
    int bucket = Rollout.bucket(input.login().userId(), config.rolloutSalt());
    String detail = "bucket " + bucket + " of rollout " + config.rolloutPercent() + "%";
    return bucket < config.rolloutPercent()
        ? RuleOutcome.pass(detail)
        : RuleOutcome.fail(SkipReasons.ROLLOUT_EXCLUDED, detail);
  }
}
