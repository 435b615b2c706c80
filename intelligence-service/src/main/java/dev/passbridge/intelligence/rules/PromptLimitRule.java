package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;

/** Prompt: at most {@code maxPrompts} prompts, then a {@code promptCooldown} pause. */
public final class PromptLimitRule implements Rule {
  @Override
  public String name() {
    return "prompt-limit";
  }

  @Override
  public RuleOutcome evaluate(DecisionInput input, RulesConfig config) {
    PasskeyProfile profile = input.profile();
    int counted = profile.promptsCounted(input.now(), config);
    if (counted < config.maxPrompts()) {
      return RuleOutcome.pass(counted + " of " + config.maxPrompts() + " prompts used");
    }
    String next =
        profile.lastPromptAt() == null
            ? "prompts are switched off"
            : "next prompt after " + profile.lastPromptAt().plus(config.promptCooldown());
    return RuleOutcome.fail(
        SkipReasons.PROMPT_LIMIT,
        counted + " of " + config.maxPrompts() + " prompts used, " + next);
  }
}
