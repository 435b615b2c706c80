package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;

/** Conditional create: the browser reported {@code conditionalCreate: true} (missing = false). */
public final class ConditionalCreateCapabilityRule implements Rule {
  @Override
  public String name() {
    return "conditional-create-capability";
  }

  @Override
  public RuleOutcome evaluate(DecisionInput input, RulesConfig config) {
    LoginFacts login = input.login();
    if (login.capability(LoginFacts.CONDITIONAL_CREATE)) {
      return RuleOutcome.pass("conditionalCreate reported");
    }
    return RuleOutcome.fail(
        SkipReasons.NO_CONDITIONAL_CREATE,
        login.capabilities().containsKey(LoginFacts.CONDITIONAL_CREATE)
            ? "conditionalCreate reported false"
            : "conditionalCreate not reported (counts as false)");
  }
}
