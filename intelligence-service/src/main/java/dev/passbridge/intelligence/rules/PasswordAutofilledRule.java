package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;

/**
 * Conditional create: the password came from the browser's password manager (the web app saw the
 * field match {@code :autofill} and no typing), which is what conditional create pairs with.
 */
public final class PasswordAutofilledRule implements Rule {
  @Override
  public String name() {
    return "password-autofilled";
  }

  @Override
  public RuleOutcome evaluate(DecisionInput input, RulesConfig config) {
    return input.login().autofilled()
        ? RuleOutcome.pass("password was autofilled")
        : RuleOutcome.fail(SkipReasons.NOT_AUTOFILLED, "password was typed");
  }
}
