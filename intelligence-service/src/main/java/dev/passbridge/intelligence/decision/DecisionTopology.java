package dev.passbridge.intelligence.decision;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.serde.EventSerde;
import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.intelligence.decision.internal.DecidedLogin;
import dev.passbridge.intelligence.decision.internal.DecisionProcessor;
import dev.passbridge.intelligence.decision.internal.JsonSerde;
import dev.passbridge.intelligence.decision.internal.PendingLogin;
import dev.passbridge.intelligence.funnel.FunnelMetrics;
import dev.passbridge.intelligence.rules.DecisionEngine;
import dev.passbridge.intelligence.rules.PasskeyProfile;
import dev.passbridge.intelligence.settings.ActiveRules;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The intelligence topology:
 *
 * <pre>
 * password-authenticated ─┐
 * otp-verified ───────────┤
 * otp-locked ─────────────┤                      ┌─▶ passkey-eligible
 * passkey-created ────────┼─▶ decide (stores) ───┼─▶ passkey-upgrade-skipped
 * passkey-deleted ────────┤      ▲               └─▶ funnel increments ─▶ repartition by
 * passkey-upgrade-failed ─┤      │ rules (global)      day|platform|step ─▶ sum ─▶ funnel topic
 * passkey-authenticated ──┘                                              ─▶ global funnel table
 * </pre>
 *
 * All inputs are keyed by user id and share one partition count, so they are co-partitioned and one
 * task sees everything about a user. The rules and the funnel counts are global tables: every
 * instance holds all of them, so a rules change applies everywhere and any instance can answer the
 * funnel query.
 */
public final class DecisionTopology {
  private DecisionTopology() {}

  /** Inputs of the decision processor. */
  public static final List<Topic<?>> INPUTS =
      List.of(
          Topics.PASSWORD_AUTHENTICATED,
          Topics.OTP_VERIFIED,
          Topics.OTP_LOCKED,
          Topics.PASSKEY_CREATED,
          Topics.PASSKEY_DELETED,
          Topics.PASSKEY_UPGRADE_FAILED,
          Topics.PASSKEY_AUTHENTICATED);

  public static void build(
      StreamsBuilder builder,
      DecisionSettings settings,
      DecisionEngine engine,
      ActiveRules rules,
      Clock clock,
      FunnelMetrics metrics) {
    Serde<String> keys = Serdes.String();
    builder.addStateStore(store(StoreNames.PENDING, JsonSerde.of(PendingLogin.class)));
    builder.addStateStore(store(StoreNames.DECIDED, JsonSerde.of(DecidedLogin.class)));
    builder.addStateStore(store(StoreNames.PROFILES, JsonSerde.of(PasskeyProfile.class)));
    builder.addStateStore(store(StoreNames.TIMERS, Serdes.String()));

    builder.globalTable(
        settings.rulesTopic(),
        Consumed.with(keys, Serdes.String()).withName("rules-source"),
        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(StoreNames.RULES_GLOBAL)
            .withKeySerde(keys)
            .withValueSerde(Serdes.String()));

    KStream<String, PassbridgeEvent> events = null;
    for (Topic<?> topic : INPUTS) {
      KStream<String, PassbridgeEvent> stream = source(builder, topic);
      events =
          events == null ? stream : events.merge(stream, Named.as("merge-" + shortName(topic)));
    }

    KStream<String, Object> out =
        events.process(
            () -> new DecisionProcessor(engine, rules, settings, clock, metrics),
            Named.as("decide"),
            StoreNames.PENDING,
            StoreNames.DECIDED,
            StoreNames.PROFILES,
            StoreNames.TIMERS);

    out.filter((k, v) -> v instanceof PasskeyEligible, Named.as("eligible"))
        .mapValues(v -> (PasskeyEligible) v, Named.as("as-eligible"))
        .to(
            Topics.PASSKEY_ELIGIBLE.name(),
            Produced.with(keys, EventSerde.of(Topics.PASSKEY_ELIGIBLE)).withName("eligible-sink"));
    out.filter((k, v) -> v instanceof PasskeyUpgradeSkipped, Named.as("skipped"))
        .mapValues(v -> (PasskeyUpgradeSkipped) v, Named.as("as-skipped"))
        .to(
            Topics.PASSKEY_UPGRADE_SKIPPED.name(),
            Produced.with(keys, EventSerde.of(Topics.PASSKEY_UPGRADE_SKIPPED))
                .withName("skipped-sink"));

    out.filter((k, v) -> v instanceof Long, Named.as("funnel-increments"))
        .mapValues(v -> (Long) v, Named.as("as-count"))
        .groupByKey(Grouped.with("funnel", keys, Serdes.Long()))
        .reduce(
            Long::sum,
            Named.as("funnel-sum"),
            Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(StoreNames.FUNNEL_COUNTS)
                .withKeySerde(keys)
                .withValueSerde(Serdes.Long()))
        .toStream(Named.as("funnel-changes"))
        .to(settings.funnelTopic(), Produced.with(keys, Serdes.Long()).withName("funnel-sink"));

    builder.globalTable(
        settings.funnelTopic(),
        Consumed.with(keys, Serdes.Long()).withName("funnel-source"),
        Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(StoreNames.FUNNEL_GLOBAL)
            .withKeySerde(keys)
            .withValueSerde(Serdes.Long()));
  }

  private static <V> org.apache.kafka.streams.state.StoreBuilder<KeyValueStore<String, V>> store(
      String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingDisabled();
  }

  private static <V extends PassbridgeEvent> KStream<String, PassbridgeEvent> source(
      StreamsBuilder builder, Topic<V> topic) {
    return builder.stream(
            topic.name(),
            Consumed.with(Serdes.String(), EventSerde.of(topic))
                .withName("source-" + shortName(topic)))
        .mapValues(v -> (PassbridgeEvent) v, Named.as("event-" + shortName(topic)));
  }

  private static String shortName(Topic<?> topic) {
    return topic.valueType().getSimpleName();
  }
}
