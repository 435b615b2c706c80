package dev.passbridge.intelligence.login.internal;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.login.DecidedLogins;
import dev.passbridge.intelligence.login.LoginStores;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** {@link DecidedLogins} over the {@code intel-decided} and {@code intel-timers} stores. */
final class StoredDecidedLogins implements DecidedLogins {
  private final KeyValueStore<String, DecidedLogin> decided;
  private final KeyValueStore<String, String> timers;
  private final Duration retention;

  private StoredDecidedLogins(
      KeyValueStore<String, DecidedLogin> decided,
      KeyValueStore<String, String> timers,
      Duration retention) {
    this.decided = decided;
    this.timers = timers;
    this.retention = retention;
  }

  /** The view another feature's processor opens; the stores are the login join's. */
  static StoreView<DecidedLogins> view(Duration retention) {
    return new StoreView<>() {
      @Override
      public List<String> stores() {
        return List.of(LoginStores.DECIDED, LoginStores.TIMERS);
      }

      @Override
      public DecidedLogins open(ProcessorContext<?, ?> context) {
        return new StoredDecidedLogins(
            context.getStateStore(LoginStores.DECIDED),
            context.getStateStore(LoginStores.TIMERS),
            retention);
      }
    };
  }

  @Override
  public boolean isDecided(String loginId) {
    return decided.get(loginId) != null;
  }

  @Override
  public @Nullable String platformOf(@Nullable String loginId) {
    if (loginId == null) {
      return null;
    }
    DecidedLogin login = decided.get(loginId);
    return login == null ? null : login.platformLabel();
  }

  @Override
  public void mark(String loginId, String outcome, String platformLabel, long decidedAt) {
    decided.put(loginId, new DecidedLogin(outcome, platformLabel, decidedAt));
    timers.put(TimerKey.of(TimerKey.DECIDED, decidedAt + retention.toMillis(), loginId), "");
  }
}
