package dev.passbridge.intelligence.internal;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * One feature's stateful step of the topology, as another feature composes it: the feature adds its
 * own stores and turns a stream into the stream of what it decided. The Kafka Streams code stays in
 * the feature's {@code internal} package; the composing feature sees only this interface and the
 * feature's plain value types.
 *
 * @param <I> what the step reads, keyed by user id
 * @param <O> what it forwards, keyed by user id
 */
public interface TopologyStep<I, O> {

  /** Adds the step's stores to {@code builder}; called once, before {@link #apply}. */
  void addStores(StreamsBuilder builder);

  KStream<String, O> apply(KStream<String, I> input);
}
