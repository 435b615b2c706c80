package dev.passbridge.intelligence.decision.internal;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.funnel.FunnelStep;
import java.time.Instant;

/**
 * A login's decision as the decision step forwards it: exactly one of the two events, and the
 * funnel step it is.
 *
 * @param outcome {@code CONDITIONAL}, {@code PROMPT} or the skip reason
 * @param at the time decided for (the funnel day)
 */
public record Decided(
    @Nullable PasskeyEligible eligible,
    @Nullable PasskeyUpgradeSkipped skipped,
    String outcome,
    String platformLabel,
    Instant at) {

  public FunnelKey funnelStep() {
    return FunnelKey.of(
        eligible != null ? FunnelStep.ELIGIBLE : FunnelStep.SKIPPED,
        outcome,
        platformLabel,
        at,
        LoginSource.of(eligible != null ? eligible.source() : skipped.source()));
  }
}
