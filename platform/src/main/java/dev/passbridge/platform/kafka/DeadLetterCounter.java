package dev.passbridge.platform.kafka;

import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the records a service sends to a dead-letter topic: {@code
 * passbridge_kafka_dead_letters_total{topic="<source topic>"}}. The counters of the contracts'
 * event topics are registered at zero up front, so the first dead letter is an increase that
 * Prometheus sees ({@code increase()} cannot see a series that is born at 1).
 */
public final class DeadLetterCounter {
  static final String NAME = "passbridge.kafka.dead.letters";

  private final MeterRegistry registry;

  public DeadLetterCounter(MeterRegistry registry) {
    this.registry = registry;
    for (Topic<?> topic : Topics.ALL) {
      counter(topic.name());
    }
  }

  /** One record of {@code sourceTopic} went to its dead-letter topic. */
  public void sent(String sourceTopic) {
    counter(sourceTopic).increment();
  }

  private Counter counter(String topic) {
    return Counter.builder(NAME)
        .description("Records sent to <topic>.dlt after retries (or at once if unreadable)")
        .tag("topic", topic)
        .register(registry);
  }
}
