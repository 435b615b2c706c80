package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.RuleResult;
import dev.passbridge.contracts.events.UpgradeMode;
import java.util.List;
import java.util.Objects;

/** The outcome of the rules for one login: an upgrade in a mode, or a skip with its reason. */
public sealed interface Decision {
  List<RuleResult> trace();

  /** {@code CONDITIONAL}/{@code PROMPT} or the skip reason: one label for dashboards. */
  String outcome();

  record Eligible(UpgradeMode mode, List<RuleResult> trace) implements Decision {
    public Eligible {
      Objects.requireNonNull(mode, "mode");
      trace = List.copyOf(trace);
    }

    @Override
    public String outcome() {
      return mode.name();
    }
  }

  record Skipped(String reason, List<RuleResult> trace) implements Decision {
    public Skipped {
      Objects.requireNonNull(reason, "reason");
      trace = List.copyOf(trace);
    }

    @Override
    public String outcome() {
      return reason;
    }
  }
}
