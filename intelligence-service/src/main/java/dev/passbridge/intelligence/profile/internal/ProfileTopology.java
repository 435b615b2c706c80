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
import org.apache.kafka.common.serialization.Serdes;
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
  /** How often the erasure marks older than their retention are dropped (wall-clock time). */
  public static final Duration ERASURE_MARK_SWEEP = Duration.ofHours(1);

  private final StoreView<DecidedLogins> decidedLogins;
  private final Duration erasureMarkRetention;

  /**
   * @param erasureMarkRetention how long an erased user's mark drops the profile's writes: the
   *     topics' retention ({@code passbridge.kafka.retention}), after which no event of the user is
   *     left to arrive
   */
  public ProfileTopology(StoreView<DecidedLogins> decidedLogins, Duration erasureMarkRetention) {
    this.decidedLogins = decidedLogins;
    this.erasureMarkRetention = erasureMarkRetention;
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
    builder.addStateStore(
        StateStores.keyValue(ProfileStores.ERASED, Serdes.Long()).withLoggingEnabled(Map.of()));
  }

  @Override
  public KStream<String, FunnelKey> apply(KStream<String, PassbridgeEvent> feedback) {
    List<String> stores = new ArrayList<>(StoredProfiles.VIEW.stores());
    stores.addAll(decidedLogins.stores());
    return feedback.process(
        () -> new ProjectionProcessor(decidedLogins, erasureMarkRetention),
        Named.as("profile-projection"),
        stores.toArray(String[]::new));
  }
}
