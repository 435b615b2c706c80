package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.RuleResult;
import dev.passbridge.contracts.events.UpgradeMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the rules in order (docs/services/intelligence-service.md, "The rules") and keeps the
 * trace:
 *
 * <ol>
 *   <li>gates that hold for any upgrade: second factor passed, platform not blocked, no passkey
 *       yet, not in cooldown, inside the rollout; the first failing gate skips the login;
 *   <li>conditional create: password autofilled, capability reported, platform in the table, inside
 *       the platform's conditional rollout; all passing gives {@code CONDITIONAL};
 *   <li>otherwise the prompt: platform authenticator, not dismissed recently, prompt limit; all
 *       passing gives {@code PROMPT};
 *   <li>otherwise a skip with the first failing rule's reason.
 * </ol>
 *
 * Each group stops at its first failing rule, so the trace shows exactly what was decided on.
 */
public final class DecisionEngine {
  private final List<Rule> gates;
  private final List<Rule> conditional;
  private final List<Rule> prompt;

  public DecisionEngine(List<Rule> gates, List<Rule> conditional, List<Rule> prompt) {
    this.gates = List.copyOf(gates);
    this.conditional = List.copyOf(conditional);
    this.prompt = List.copyOf(prompt);
  }

  /** The first rule set. */
  public static DecisionEngine standard() {
    return new DecisionEngine(
        List.of(
            new SecondFactorPassedRule(),
            new PlatformNotBlockedRule(),
            new NoPasskeyYetRule(),
            new NotInCooldownRule(),
            new InsideRolloutRule()),
        List.of(
            new PasswordAutofilledRule(),
            new ConditionalCreateCapabilityRule(),
            new ConditionalCreatePlatformRule(),
            new InsideConditionalRolloutRule()),
        List.of(
            new PlatformAuthenticatorRule(),
            new PromptNotDismissedRecentlyRule(),
            new PromptLimitRule()));
  }

  public Decision decide(DecisionInput input, RulesConfig config) {
    List<RuleResult> trace = new ArrayList<>();
    String gateFailure = firstFailure(gates, input, config, trace);
    if (gateFailure != null) {
      return new Decision.Skipped(gateFailure, trace);
    }
    String conditionalFailure = firstFailure(conditional, input, config, trace);
    if (conditionalFailure == null) {
      return new Decision.Eligible(UpgradeMode.CONDITIONAL, trace);
    }
    String promptFailure = firstFailure(prompt, input, config, trace);
    if (promptFailure == null) {
      return new Decision.Eligible(UpgradeMode.PROMPT, trace);
    }
    return new Decision.Skipped(conditionalFailure, trace);
  }

  /** Runs {@code rules} until one fails; returns its skip reason, or null when all passed. */
  private static String firstFailure(
      List<Rule> rules, DecisionInput input, RulesConfig config, List<RuleResult> trace) {
    for (Rule rule : rules) {
      RuleOutcome outcome = rule.evaluate(input, config);
      trace.add(new RuleResult(rule.name(), outcome.passed(), outcome.detail()));
      if (!outcome.passed()) {
        return outcome.skipReason();
      }
    }
    return null;
  }
}
