package dev.passbridge.intelligence.rules;

import java.util.Objects;

/**
 * A rule's verdict: passed, or failed with the skip reason it stands for.
 *
 * @param skipReason a {@link dev.passbridge.contracts.events.SkipReasons} code when failed, else
 *     null
 * @param detail human-readable why, for the trace (no personal data)
 */
public record RuleOutcome(boolean passed, String skipReason, String detail) {
  public RuleOutcome {
    Objects.requireNonNull(detail, "detail");
    if (!passed) {
      Objects.requireNonNull(skipReason, "a failed rule names its skip reason");
    }
  }

  public static RuleOutcome pass(String detail) {
    return new RuleOutcome(true, null, detail);
  }

  public static RuleOutcome fail(String skipReason, String detail) {
    return new RuleOutcome(false, skipReason, detail);
  }
}
