package dev.passbridge.intelligence.settings.internal;

import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.settings.ActiveRules;
import dev.passbridge.intelligence.settings.RulesInForce;
import dev.passbridge.intelligence.settings.RulesSnapshot;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The rules topic as a global table (every instance holds it, so a change applies everywhere), and
 * how a processor reads the rules in force from it.
 */
public final class RulesTable implements RulesInForce {
  /** Global (every instance): the active rules, from the rules topic. */
  public static final String STORE = "intel-rules-global";

  private final ReadOnlyKeyValueStore<String, Object> store;
  private final ActiveRules rules;

  private RulesTable(ReadOnlyKeyValueStore<String, Object> store, ActiveRules rules) {
    this.store = store;
    this.rules = rules;
  }

  /**
   * The rules in force as the decision's processor reads them: the global table of {@code
   * rulesTopic} (added by {@link StoreView#addTo}), resolved by {@code rules}.
   */
  public static StoreView<RulesInForce> view(String rulesTopic, ActiveRules rules) {
    return new StoreView<>() {
      @Override
      public List<String> stores() {
        return List.of(); // a global store needs no connection
      }

      @Override
      public void addTo(StreamsBuilder builder) {
        build(builder, rulesTopic);
      }

      @Override
      public RulesInForce open(ProcessorContext<?, ?> context) {
        return new RulesTable(context.getStateStore(STORE), rules);
      }
    };
  }

  private static void build(StreamsBuilder builder, String rulesTopic) {
    builder.globalTable(
        rulesTopic,
        Consumed.with(Serdes.String(), Serdes.String()).withName("rules-source"),
        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(STORE)
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.String())
            .withCachingDisabled()); // one record per change of the rules: nothing to save
  }

  /** The rules in force now (parsing cached; a bad record keeps the last good rules). */
  @Override
  public RulesConfig current() {
    return rules.resolve(raw(store.get(ActiveRules.KEY))).rules();
  }

  @Override
  public RulesSnapshot snapshot() {
    return rules.resolve(raw(store.get(ActiveRules.KEY)));
  }

  /** A global store's value, timestamped or not. */
  static String raw(Object value) {
    return (String)
        (value instanceof ValueAndTimestamp<?> timestamped ? timestamped.value() : value);
  }
}
