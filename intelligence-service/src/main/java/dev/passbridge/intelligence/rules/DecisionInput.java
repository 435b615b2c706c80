package dev.passbridge.intelligence.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything one decision looks at.
 *
 * @param now the decision's business time (when the second factor passed, or when the window
 *     closed): cooldowns and prompt limits are judged against it, so replaying the same events
 *     gives the same decision
 */
public record DecisionInput(LoginFacts login, PasskeyProfile profile, Instant now) {
  public DecisionInput {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(now, "now");
  }
}
