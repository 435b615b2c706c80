package dev.passbridge.intelligence.funnel.internal;

import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.funnel.FunnelMetrics;
import dev.passbridge.intelligence.funnel.FunnelStores;
import dev.passbridge.intelligence.internal.TopologySink;
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
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The funnel's own stream: every step the other features report ({@link FunnelKey}s keyed by user
 * id) becomes an increment keyed by {@code day|platform|step|detail}, repartitioned by that key
 * (internal topic {@code <application.id>-funnel-repartition}), summed, written to the compacted
 * funnel topic and read back by every instance as a global table (what {@link FunnelQuery} reads).
 *
 * <p>The sums sit in the record cache until the task commits ({@code commit.interval.ms}, 1 s):
 * each counter reaches its changelog and the funnel topic once per commit, not once per step (at 40
 * logins/s that is a few records a second instead of a hundred). The funnel therefore lags the
 * events by up to a commit interval; the Prometheus counters ({@link FunnelMetrics}) tick at once.
 */
public final class FunnelTopology implements TopologySink<FunnelKey> {
  private final String funnelTopic;
  private final FunnelMetrics metrics;

  public FunnelTopology(String funnelTopic, FunnelMetrics metrics) {
    this.funnelTopic = funnelTopic;
    this.metrics = metrics;
  }

  /** Counts {@code steps}, the funnel steps every feature reports, keyed by user id. */
  @Override
  public void consume(StreamsBuilder builder, KStream<String, FunnelKey> steps) {
    Serde<String> keys = Serdes.String();
    steps
        .process(() -> new Increments(metrics), Named.as("funnel-increments"))
        .groupByKey(Grouped.with("funnel", keys, Serdes.Long()))
        .reduce(
            Long::sum,
            Named.as("funnel-sum"),
            Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(FunnelStores.COUNTS)
                .withKeySerde(keys)
                .withValueSerde(Serdes.Long()))
        .toStream(Named.as("funnel-changes"))
        .to(funnelTopic, Produced.with(keys, Serdes.Long()).withName("funnel-sink"));

    builder.globalTable(
        funnelTopic,
        Consumed.with(keys, Serdes.Long()).withName("funnel-source"),
        Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(FunnelStores.GLOBAL)
            .withKeySerde(keys)
            .withValueSerde(Serdes.Long()));
  }

  /**
   * One step → one increment of its counter (without the input's headers) and a Prometheus tick.
   */
  private static final class Increments implements Processor<String, FunnelKey, String, Long> {
    private final FunnelMetrics metrics;
    private ProcessorContext<String, Long> context;

    Increments(FunnelMetrics metrics) {
      this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Long> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, FunnelKey> record) {
      FunnelKey key = record.value();
      context.forward(new Record<>(key.encode(), 1L, record.timestamp()));
      metrics.step(key);
    }
  }
}
