package dev.passbridge.intelligence.internal;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The last step of a stream: a feature that consumes what the others forward (the funnel counts the
 * steps). As with {@link TopologyStep}, its Kafka Streams code stays in its {@code internal}
 * package.
 *
 * @param <V> what it consumes, keyed by user id
 */
public interface TopologySink<V> {
  void consume(StreamsBuilder builder, KStream<String, V> stream);
}
