package dev.passbridge.intelligence.decision;

import dev.passbridge.intelligence.login.LoginSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the decision topology handles time and where it keeps its shared data.
 *
 * @param joinWindow how long after PasswordAuthenticated an OtpVerified still counts (10 min, as
 *     long as the login's second step may take)
 * @param timeoutGrace extra wall-clock time before a login times out on a partition whose stream
 *     time stands still (no traffic); with traffic, stream time times it out exactly at the window
 * @param punctuateInterval how often expired logins and old decided-login marks are swept
 * @param decidedRetention how long a decided login is remembered (redeliveries and replays within
 *     it produce no second decision; older login events are ignored as stale)
 * @param rulesTopic compacted topic with the active rules (read by every instance)
 * @param funnelTopic compacted topic with the funnel counts (read by every instance)
 */
public record DecisionSettings(
    Duration joinWindow,
    Duration timeoutGrace,
    Duration punctuateInterval,
    Duration decidedRetention,
    String rulesTopic,
    String funnelTopic) {

  public DecisionSettings {
    positive(joinWindow, "joinWindow");
    Objects.requireNonNull(timeoutGrace, "timeoutGrace");
    if (timeoutGrace.isNegative()) {
      throw new IllegalArgumentException("timeoutGrace must not be negative");
    }
    positive(punctuateInterval, "punctuateInterval");
    positive(decidedRetention, "decidedRetention");
    if (decidedRetention.compareTo(joinWindow) <= 0) {
      throw new IllegalArgumentException("decidedRetention must be longer than joinWindow");
    }
    Objects.requireNonNull(rulesTopic, "rulesTopic");
    Objects.requireNonNull(funnelTopic, "funnelTopic");
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  /** The login join's part of these settings. */
  public LoginSettings login() {
    return new LoginSettings(joinWindow, timeoutGrace, punctuateInterval, decidedRetention);
  }
}
