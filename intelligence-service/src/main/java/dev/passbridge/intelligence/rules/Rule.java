package dev.passbridge.intelligence.rules;

/** One named condition of the upgrade decision (docs/services/intelligence-service.md). */
public interface Rule {
  /** Stable name, shown in the rule trace, e.g. {@code password-autofilled}. */
  String name();

  RuleOutcome evaluate(DecisionInput input, RulesConfig config);
}
