package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;
import java.time.Instant;

/** Prompt: the user did not answer a prompt with "Not now" within {@code dismissCooldown}. */
public final class PromptNotDismissedRecentlyRule implements Rule {
  @Override
  public String name() {
    return "prompt-not-dismissed-recently";
  }

  @Override
  public RuleOutcome evaluate(DecisionInput input, RulesConfig config) {
    Instant dismissed = input.profile().lastDismissedAt();
    if (dismissed == null) {
      return RuleOutcome.pass("never dismissed a prompt");
    }
    Instant until = dismissed.plus(config.dismissCooldown());
    return input.now().isBefore(until)
        ? RuleOutcome.fail(
            SkipReasons.COOLDOWN, "dismissed a prompt at " + dismissed + ", wait until " + until)
        : RuleOutcome.pass("last dismissed at " + dismissed);
  }
}
