package dev.passbridge.intelligence.login.internal;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.intelligence.internal.JsonSerde;
import dev.passbridge.intelligence.internal.StateStores;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.internal.TopologyStep;
import dev.passbridge.intelligence.login.DecidedLogins;
import dev.passbridge.intelligence.login.LoginSettings;
import dev.passbridge.intelligence.login.LoginStep;
import dev.passbridge.intelligence.login.LoginStores;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The login join as a step of the topology: its stores, and the events of {@link
 * dev.passbridge.intelligence.login.LoginJoin#INPUTS} (keyed by user id) turned into what the join
 * accepted and joined.
 */
public final class LoginTopology implements TopologyStep<PassbridgeEvent, LoginStep> {
  private final LoginSettings settings;

  public LoginTopology(LoginSettings settings) {
    this.settings = settings;
  }

  /**
   * The decided-login marks as the processors of later steps see them (the decision marks, the
   * profile projection reads platforms); a mark is kept for {@code retention}.
   */
  public static StoreView<DecidedLogins> decidedLogins(Duration retention) {
    return StoredDecidedLogins.view(retention);
  }

  @Override
  public void addStores(StreamsBuilder builder) {
    builder.addStateStore(
        StateStores.keyValue(LoginStores.PENDING, JsonSerde.of(PendingLogin.class)));
    builder.addStateStore(
        StateStores.keyValue(LoginStores.DECIDED, JsonSerde.of(DecidedLogin.class)));
    builder.addStateStore(StateStores.keyValue(LoginStores.TIMERS, Serdes.String()));
  }

  @Override
  public KStream<String, LoginStep> apply(KStream<String, PassbridgeEvent> logins) {
    return logins.process(
        () -> new JoinProcessor(settings),
        Named.as("login-join"),
        LoginStores.PENDING,
        LoginStores.DECIDED,
        LoginStores.TIMERS);
  }
}
