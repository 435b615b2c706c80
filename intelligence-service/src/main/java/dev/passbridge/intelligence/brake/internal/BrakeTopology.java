package dev.passbridge.intelligence.brake.internal;

import dev.passbridge.contracts.events.RulesChanged;
import dev.passbridge.contracts.serde.EventSerde;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.intelligence.brake.BrakeMetrics;
import dev.passbridge.intelligence.brake.BrakeSettings;
import dev.passbridge.intelligence.brake.BrakeSignal;
import dev.passbridge.intelligence.brake.BrakeStores;
import dev.passbridge.intelligence.brake.FailureWindow;
import dev.passbridge.intelligence.internal.JsonSerde;
import dev.passbridge.intelligence.internal.StateStores;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.internal.TopologySink;
import dev.passbridge.intelligence.settings.ActiveRules;
import dev.passbridge.intelligence.settings.RulesChange;
import dev.passbridge.intelligence.settings.RulesInForce;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The brake's own stream: every {@link BrakeSignal} (keyed by user id) passes {@link OncePerUser},
 * which lets each user count once per platform and window (store {@value BrakeStores#COUNTED}), is
 * re-keyed by {@code os/browser/major} and repartitioned into one partition (internal topic {@code
 * <application.id>-brake-repartition}), so one task sees every platform and two brakes can never
 * race for the next rules version; {@link BrakeProcessor} keeps the windows ({@value
 * BrakeStores#WINDOWS}) and, when one passes the threshold, writes the new rules to the rules topic
 * and the audit event to {@code passbridge.intelligence.rules-changed.v1}.
 */
public final class BrakeTopology implements TopologySink<BrakeSignal> {
  private final BrakeSettings settings;
  private final StoreView<RulesInForce> rules;
  private final String rulesTopic;
  private final Clock clock;
  private final BrakeMetrics metrics;

  public BrakeTopology(
      BrakeSettings settings,
      StoreView<RulesInForce> rules,
      String rulesTopic,
      Clock clock,
      BrakeMetrics metrics) {
    this.settings = settings;
    this.rules = rules;
    this.rulesTopic = rulesTopic;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void consume(StreamsBuilder builder, KStream<String, BrakeSignal> signals) {
    if (!settings.enabled()) {
      return;
    }
    builder.addStateStore(
        StateStores.keyValue(BrakeStores.WINDOWS, JsonSerde.of(FailureWindow.class)));
    builder.addStateStore(
        Stores.windowStoreBuilder(
                Stores.persistentWindowStore(
                    BrakeStores.COUNTED, settings.window(), settings.window(), false),
                Serdes.String(),
                Serdes.String())
            .withCachingEnabled());
    KStream<String, RulesChange> changes =
        signals
            .processValues(
                () -> new OncePerUser(settings),
                Named.as("brake-once-per-user"),
                BrakeStores.COUNTED)
            .selectKey((user, signal) -> signal.windowKey(), Named.as("brake-key"))
            .repartition(
                Repartitioned.<String, BrakeSignal>as(BrakeStores.REPARTITION)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(JsonSerde.of(BrakeSignal.class))
                    .withNumberOfPartitions(1))
            .process(
                () -> new BrakeProcessor(settings, rules, clock, metrics),
                Named.as("brake"),
                BrakeStores.WINDOWS);
    changes
        .mapValues(change -> ActiveRules.encode(change.snapshot()), Named.as("brake-rules"))
        .to(
            rulesTopic,
            Produced.with(Serdes.String(), Serdes.String()).withName("brake-rules-sink"));
    changes
        .map(
            (key, change) -> KeyValue.pair(change.event().key(), change.event()),
            Named.as("brake-audit"))
        .to(
            Topics.RULES_CHANGED.name(),
            Produced.<String, RulesChanged>with(
                    Serdes.String(), EventSerde.of(Topics.RULES_CHANGED))
                .withName("brake-audit-sink"));
  }
}
