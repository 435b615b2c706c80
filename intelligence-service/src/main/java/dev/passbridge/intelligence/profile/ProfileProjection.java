package dev.passbridge.intelligence.profile;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.login.LoginStores;
import dev.passbridge.intelligence.profile.internal.ProjectionProcessor;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The passkey-profile projection: each user's passkeys, cooldowns and prompt history from the
 * passkey-service's events (the decision adds its own prompts).
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

  /** Adds the profile store to {@code builder}; call once before {@link #project}. */
  public static void addStores(StreamsBuilder builder) {
    ProfileStores.addTo(builder);
  }

  /**
   * @param feedback the events of {@link #INPUTS}, keyed by user id
   * @param decidedRetention how long the decided-login marks are kept (read for the platform of a
   *     login)
   * @return the funnel steps the events are (created, failed, passkey logins), keyed by user id
   */
  public static KStream<String, FunnelKey> project(
      KStream<String, PassbridgeEvent> feedback, Duration decidedRetention) {
    return feedback.process(
        () -> new ProjectionProcessor(decidedRetention),
        Named.as("profile-projection"),
        ProfileStores.PROFILES,
        LoginStores.DECIDED,
        LoginStores.TIMERS);
  }
}
