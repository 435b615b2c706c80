package dev.passbridge.contracts.events;

/** One line of a decision's rule trace: which rule ran, whether it passed, and why. */
public record RuleResult(String rule, boolean passed, String detail) {
  public RuleResult {
    Require.text(rule, "rule");
    Require.present(detail, "detail");
  }
}
