package dev.passbridge.intelligence.login;

import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import java.util.List;

/**
 * The login join with its timer: PasswordAuthenticated and the second factor's outcome of a login,
 * in either order, within the window; a login whose second factor does not come times out. What it
 * forwards is a {@link LoginStep}; its Kafka Streams step is {@code internal.LoginTopology}.
 */
public final class LoginJoin {
  private LoginJoin() {}

  /** The topics the join reads. */
  public static final List<Topic<?>> INPUTS =
      List.of(Topics.PASSWORD_AUTHENTICATED, Topics.OTP_VERIFIED, Topics.OTP_LOCKED);
}
