package dev.passbridge.intelligence.internal;

import dev.passbridge.platform.web.ProblemException;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Interactive queries on this instance's global stores. While Kafka Streams is not running (start,
 * rebalance with restoration, shutdown) the answer is a retryable 503.
 */
public class StreamsAccess {
  private final StreamsBuilderFactoryBean factory;

  public StreamsAccess(StreamsBuilderFactoryBean factory) {
    this.factory = factory;
  }

  /** Runs {@code query} on the key-value store {@code name} of this instance. */
  public <V, R> R read(String name, Function<ReadOnlyKeyValueStore<String, V>, R> query) {
    KafkaStreams streams = factory.getKafkaStreams();
    if (streams == null) {
      throw unavailable();
    }
    try {
      return query.apply(
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  name, QueryableStoreTypes.<String, V>keyValueStore())));
    } catch (InvalidStateStoreException e) {
      throw unavailable();
    }
  }

  private static ProblemException unavailable() {
    return new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "service-unavailable",
        "The insights are not available yet; retry shortly.",
        Duration.ofSeconds(1));
  }
}
