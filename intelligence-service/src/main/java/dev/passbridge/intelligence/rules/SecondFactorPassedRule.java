package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;

/** Gate: the login's second factor passed within the window. */
public final class SecondFactorPassedRule implements Rule {
  @Override
  public String name() {
    return "second-factor-passed";
  }

  @Override
  public RuleOutcome evaluate(DecisionInput input, RulesConfig config) {
    return switch (input.login().secondFactor()) {
      case PASSED -> RuleOutcome.pass("one-time code verified");
      case TIMED_OUT ->
          RuleOutcome.fail(
              SkipReasons.SECOND_FACTOR_TIMEOUT, "no verified second factor within the window");
      case LOCKED ->
          RuleOutcome.fail(
              SkipReasons.SECOND_FACTOR_LOCKED, "one-time code locked after too many attempts");
      case MISSING ->
          RuleOutcome.fail(
              SkipReasons.SECOND_FACTOR_MISSING, "the platform reported no second factor");
    };
  }
}
