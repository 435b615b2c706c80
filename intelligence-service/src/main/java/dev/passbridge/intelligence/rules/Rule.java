package dev.passbridge.intelligence.rules;

/** One named condition of the upgrade decision (ARCHITECTURE §5). */
public interface Rule {
  /** Stable name, shown in the rule trace, e.g. {@code password-autofilled}. */
  String name();

  RuleOutcome evaluate(DecisionInput input, RulesConfig config);
}
