package dev.passbridge.intelligence.profile.internal;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.internal.JsonSerde;
import dev.passbridge.intelligence.internal.StateStores;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.internal.TopologyStep;
import dev.passbridge.intelligence.login.DecidedLogins;
import dev.passbridge.intelligence.profile.ProfileStores;
import dev.passbridge.intelligence.profile.Profiles;
import dev.passbridge.intelligence.rules.PasskeyProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The profile projection as a step of the topology: its store, and the events of {@link
 * dev.passbridge.intelligence.profile.ProfileProjection#INPUTS} (keyed by user id) turned into the
 * funnel steps they are (created, failed, passkey logins). It reads the login's decided marks for
 * the platform of a login.
 */
public final class ProfileTopology implements TopologyStep<PassbridgeEvent, FunnelKey> {
  private final StoreView<DecidedLogins> decidedLogins;

  public ProfileTopology(StoreView<DecidedLogins> decidedLogins) {
    this.decidedLogins = decidedLogins;
  }

  /** The profiles as the decision's processor sees them (it records its prompts there). */
  public static StoreView<Profiles> profiles() {
    return StoredProfiles.VIEW;
  }

  /**
   * The profiles' changelog rolls and compacts within a day ({@code max.compaction.lag.ms}, which
   * also caps the active segment's age), so an erased user's old profile leaves the changelog then,
   * not after the broker's default week-long segment. Applied when Kafka Streams creates the topic.
   */
  static final Map<String, String> CHANGELOG =
      Map.of(
          TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, String.valueOf(Duration.ofDays(1).toMillis()));

  @Override
  public void addStores(StreamsBuilder builder) {
    builder.addStateStore(
        StateStores.keyValue(ProfileStores.PROFILES, JsonSerde.of(PasskeyProfile.class))
            .withLoggingEnabled(CHANGELOG));
  }

  @Override
  public KStream<String, FunnelKey> apply(KStream<String, PassbridgeEvent> feedback) {
    List<String> stores = new ArrayList<>(StoredProfiles.VIEW.stores());
    stores.addAll(decidedLogins.stores());
    return feedback.process(
        () -> new ProjectionProcessor(decidedLogins),
        Named.as("profile-projection"),
        stores.toArray(String[]::new));
  }
}
