package dev.passbridge.intelligence.login;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.intelligence.login.internal.JoinProcessor;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The login join with its timer: PasswordAuthenticated and the second factor's outcome of a login,
 * in either order, within the window; a login whose second factor does not come times out.
 */
public final class LoginJoin {
  private LoginJoin() {}

  /** The topics the join reads. */
  public static final List<Topic<?>> INPUTS =
      List.of(Topics.PASSWORD_AUTHENTICATED, Topics.OTP_VERIFIED, Topics.OTP_LOCKED);

  /** Adds the login's stores to {@code builder}; call once before {@link #join}. */
  public static void addStores(StreamsBuilder builder) {
    LoginStores.addTo(builder);
  }

  /**
   * @param logins the events of {@link #INPUTS}, keyed by user id
   * @return what the join accepted and joined, keyed by user id
   */
  public static KStream<String, LoginStep> join(
      KStream<String, PassbridgeEvent> logins, LoginSettings settings) {
    return logins.process(
        () -> new JoinProcessor(settings),
        Named.as("login-join"),
        LoginStores.PENDING,
        LoginStores.DECIDED,
        LoginStores.TIMERS);
  }
}
