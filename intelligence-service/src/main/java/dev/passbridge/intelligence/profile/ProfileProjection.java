package dev.passbridge.intelligence.profile;

import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import java.util.List;

/**
 * The passkey-profile projection: each user's passkeys, cooldowns and prompt history from the
 * passkey-service's events (the decision adds its own prompts), deleted when auth-service erases
 * the user. What it forwards are the funnel steps the events are (an erasure is none); its Kafka
 * Streams step is {@code internal.ProfileTopology}.
 */
public final class ProfileProjection {
  private ProfileProjection() {}

  /**
   * The topics the projection reads. {@code USER_ERASED} is auth-service's, keyed by user id like
   * the others and with the same partition count, so it is co-partitioned with them.
   */
  public static final List<Topic<?>> INPUTS =
      List.of(
          Topics.PASSKEY_CREATED,
          Topics.PASSKEY_DELETED,
          Topics.PASSKEY_UPGRADE_FAILED,
          Topics.PASSKEY_AUTHENTICATED,
          Topics.USER_ERASED);
}
