package dev.passbridge.intelligence.funnel.internal;

import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.funnel.FunnelMetrics;
import dev.passbridge.intelligence.funnel.FunnelStores;
import dev.passbridge.intelligence.internal.StateStores;
import dev.passbridge.intelligence.internal.TopologySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The funnel's own stream: every step the other features report ({@link FunnelKey}s keyed by user
 * id) is counted into a small per-task sum keyed by {@code day|platform|step|detail} (store {@value
 * FunnelStores#PENDING}); every {@code flushInterval} those sums are sent as increments,
 * repartitioned by that key (internal topic {@code <application.id>-funnel-repartition}), summed,
 * written to the compacted funnel topic and read back by every instance as a global table (what
 * {@link FunnelQuery} reads).
 *
 * <p>Summed before the repartition: a password login reports three steps, and one record each to
 * the repartition topic was a produce request, a fetch and a consumed record per step, for the
 * broker and this service's stream thread, on every login; the sums make it one record per counter
 * and interval (bounded by the counters in use, not by the login rate). After the repartition the
 * sums sit in the record cache until the task commits ({@code commit.interval.ms}, 1 s), so each
 * counter reaches its changelog and the funnel topic once per commit. The funnel therefore lags the
 * events by up to two seconds; the Prometheus counters ({@link FunnelMetrics}) tick at once. The
 * pending sums have a changelog like every store, so an instance that takes over a partition sends
 * what the last one had not; delivery stays at least once, as before.
 */
public final class FunnelTopology implements TopologySink<FunnelKey> {
  private final String funnelTopic;
  private final Duration flushInterval;
  private final FunnelMetrics metrics;

  public FunnelTopology(String funnelTopic, Duration flushInterval, FunnelMetrics metrics) {
    this.funnelTopic = funnelTopic;
    this.flushInterval = flushInterval;
    this.metrics = metrics;
  }

  /** Counts {@code steps}, the funnel steps every feature reports, keyed by user id. */
  @Override
  public void consume(StreamsBuilder builder, KStream<String, FunnelKey> steps) {
    Serde<String> keys = Serdes.String();
    builder.addStateStore(StateStores.keyValue(FunnelStores.PENDING, Serdes.Long()));
    steps
        .process(
            () -> new Increments(flushInterval, metrics),
            Named.as("funnel-increments"),
            FunnelStores.PENDING)
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
   * One step → its counter's pending sum plus one and a Prometheus tick; every {@code interval}
   * (wall clock, so an idle partition sends too) each pending sum is forwarded as one increment and
   * removed.
   */
  private static final class Increments implements Processor<String, FunnelKey, String, Long> {
    private final Duration interval;
    private final FunnelMetrics metrics;
    private ProcessorContext<String, Long> context;
    private KeyValueStore<String, Long> pending;

    Increments(Duration interval, FunnelMetrics metrics) {
      this.interval = interval;
      this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Long> context) {
      this.context = context;
      this.pending = context.getStateStore(FunnelStores.PENDING);
      context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    @Override
    public void process(Record<String, FunnelKey> record) {
      FunnelKey key = record.value();
      String counter = key.encode();
      Long sum = pending.get(counter);
      pending.put(counter, sum == null ? 1L : sum + 1);
      metrics.step(key);
    }

    /**
     * Sends and removes every pending sum. The records carry the task's stream time, not the wall
     * clock that triggered the flush: record time stays event time downstream.
     */
    private void flush(long wallClock) {
      List<KeyValue<String, Long>> sums = new ArrayList<>();
      try (KeyValueIterator<String, Long> all = pending.all()) {
        all.forEachRemaining(sums::add);
      }
      long streamTime = Math.max(0, context.currentStreamTimeMs());
      for (KeyValue<String, Long> sum : sums) {
        context.forward(new Record<>(sum.key, sum.value, streamTime));
        pending.delete(sum.key);
      }
    }
  }
}
