package dev.passbridge.intelligence.login;

import dev.passbridge.intelligence.login.internal.DecidedLogin;
import dev.passbridge.intelligence.login.internal.PendingLogin;
import dev.passbridge.intelligence.streams.JsonSerde;
import dev.passbridge.intelligence.streams.StateStores;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;

/** The login's state stores (names are part of the changelog topics' names: keep them). */
public final class LoginStores {
  private LoginStores() {}

  /** loginId → the half of a login that arrived first (password or second factor). */
  public static final String PENDING = "intel-pending";

  /** loginId → the decision already made (exactly one decision per login). */
  public static final String DECIDED = "intel-decided";

  /** Deadline-ordered index of pending logins and decided marks, swept by punctuation. */
  public static final String TIMERS = "intel-timers";

  static void addTo(StreamsBuilder builder) {
    builder.addStateStore(StateStores.keyValue(PENDING, JsonSerde.of(PendingLogin.class)));
    builder.addStateStore(StateStores.keyValue(DECIDED, JsonSerde.of(DecidedLogin.class)));
    builder.addStateStore(StateStores.keyValue(TIMERS, Serdes.String()));
  }
}
