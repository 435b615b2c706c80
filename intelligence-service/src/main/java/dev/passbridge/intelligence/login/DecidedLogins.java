package dev.passbridge.intelligence.login;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.intelligence.login.internal.DecidedLogin;
import dev.passbridge.intelligence.login.internal.TimerKey;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The logins already decided ({@code intel-decided}), for the steps after the join: the decision
 * marks a login, the profile projection looks up the platform of a login for feedback events that
 * carry none. A mark is forgotten after the decided-login retention (swept by the join).
 */
public final class DecidedLogins {
  private final KeyValueStore<String, DecidedLogin> decided;
  private final KeyValueStore<String, String> timers;
  private final Duration retention;

  private DecidedLogins(
      KeyValueStore<String, DecidedLogin> decided,
      KeyValueStore<String, String> timers,
      Duration retention) {
    this.decided = decided;
    this.timers = timers;
    this.retention = retention;
  }

  /**
   * Needs {@link LoginStores#DECIDED} and {@link LoginStores#TIMERS} connected to the processor.
   */
  public static DecidedLogins of(ProcessorContext<?, ?> context, Duration retention) {
    return new DecidedLogins(
        context.getStateStore(LoginStores.DECIDED),
        context.getStateStore(LoginStores.TIMERS),
        retention);
  }

  public boolean isDecided(String loginId) {
    return decided.get(loginId) != null;
  }

  /** The platform of a decided login, or null. */
  public @Nullable String platformOf(@Nullable String loginId) {
    if (loginId == null) {
      return null;
    }
    DecidedLogin login = decided.get(loginId);
    return login == null ? null : login.platformLabel();
  }

  /** Remembers the decision of a login until {@code decidedAt} + retention. */
  public void mark(String loginId, String outcome, String platformLabel, long decidedAt) {
    decided.put(loginId, new DecidedLogin(outcome, platformLabel, decidedAt));
    timers.put(TimerKey.of(TimerKey.DECIDED, decidedAt + retention.toMillis(), loginId), "");
  }
}
