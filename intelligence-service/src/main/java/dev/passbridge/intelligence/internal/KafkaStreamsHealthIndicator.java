package dev.passbridge.intelligence.internal;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** UP while Kafka Streams runs (or rebalances); DOWN when it stopped or failed. */
public class KafkaStreamsHealthIndicator extends AbstractHealthIndicator {
  private final StreamsBuilderFactoryBean factory;

  public KafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factory) {
    super("Kafka Streams health check failed");
    this.factory = factory;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    KafkaStreams streams = factory.getKafkaStreams();
    if (streams == null) {
      builder.down().withDetail("state", "NOT_STARTED");
      return;
    }
    KafkaStreams.State state = streams.state();
    (state.isRunningOrRebalancing() ? builder.up() : builder.down())
        .withDetail("state", state.name());
  }
}
