package dev.passbridge.intelligence.profile;

import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import java.util.List;

/**
 * The passkey-profile projection: each user's passkeys, cooldowns and prompt history from the
 * passkey-service's events (the decision adds its own prompts). What it forwards are the funnel
 * steps the events are; its Kafka Streams step is {@code internal.ProfileTopology}.
 */
public final class ProfileProjection {
  private ProfileProjection() {}

  /** The topics the projection reads. */
  public static final List<Topic<?>> INPUTS =
      List.of(
          Topics.PASSKEY_CREATED,
          Topics.PASSKEY_DELETED,
          Topics.PASSKEY_UPGRADE_FAILED,
          Topics.PASSKEY_AUTHENTICATED);
}
