package dev.passbridge.intelligence.login;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.funnel.FunnelStep;
import dev.passbridge.intelligence.rules.SecondFactorOutcome;
import java.time.Instant;
import java.util.List;

/**
 * What the login join reports, in order: a password login it accepted (not a redelivery, not stale,
 * not decided), then, once, the login joined with its second factor's outcome.
 *
 * @param stage {@link Stage#PASSWORD_ACCEPTED} or {@link Stage#JOINED}
 * @param login the password half
 * @param secondFactor when joined: passed, locked or timed out
 * @param at when joined: the time the decision is made for (the second factor's {@code occurredAt},
 *     or the end of the window on a timeout); else the password's {@code occurredAt}
 * @param secondFactorTimestamp when passed: the OtpVerified record's timestamp (for the decision
 *     latency)
 */
public record LoginStep(
    Stage stage,
    PasswordLogin login,
    @Nullable SecondFactorOutcome secondFactor,
    Instant at,
    @Nullable Long secondFactorTimestamp) {

  public enum Stage {
    PASSWORD_ACCEPTED,
    JOINED
  }

  public static LoginStep accepted(PasswordLogin login) {
    return new LoginStep(Stage.PASSWORD_ACCEPTED, login, null, login.occurredAt(), null);
  }

  public static LoginStep joined(
      PasswordLogin login, SecondFactorOutcome secondFactor, Instant at, @Nullable Long timestamp) {
    return new LoginStep(Stage.JOINED, login, secondFactor, at, timestamp);
  }

  public boolean joined() {
    return stage == Stage.JOINED;
  }

  /** The funnel steps this is: a password login, a second factor passed within the window. */
  public List<FunnelKey> funnelSteps() {
    String platform = login.platform().label();
    if (stage == Stage.PASSWORD_ACCEPTED) {
      return List.of(
          FunnelKey.of(FunnelStep.PASSWORD_LOGIN, null, platform, at, login.sourceOrHosted()));
    }
    return secondFactor == SecondFactorOutcome.PASSED
        ? List.of(
            FunnelKey.of(
                FunnelStep.SECOND_FACTOR_PASSED, null, platform, at, login.sourceOrHosted()))
        : List.of();
  }
}
