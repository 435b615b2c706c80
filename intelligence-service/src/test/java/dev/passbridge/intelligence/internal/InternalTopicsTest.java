package dev.passbridge.intelligence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.intelligence.IntelligenceProperties;
import dev.passbridge.platform.kafka.PassbridgeKafkaProperties;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Every topic the service reads has a dead-letter topic the service creates itself, the internal
 * compacted ones included: a poison record on them must not find the dead-letter topic missing (the
 * failed recovery killed the global stream thread and with it Kafka Streams on every instance).
 */
class InternalTopicsTest {
  @Test
  void theGlobalTablesTopicsHaveDeadLetterTopicsWithTheSamePartitions() {
    Binder binder = new Binder(new MapConfigurationPropertySource(Map.of()));
    IntelligenceProperties properties =
        binder.bindOrCreate("passbridge.intelligence", IntelligenceProperties.class);
    PassbridgeKafkaProperties kafka =
        binder.bindOrCreate("passbridge.kafka", PassbridgeKafkaProperties.class);

    Map<String, NewTopic> topics = new java.util.HashMap<>();
    for (NewTopic topic : StreamsConfiguration.globalTableTopics(properties, kafka)) {
      topics.put(topic.name(), topic);
    }

    for (String read : new String[] {properties.rulesTopic(), properties.funnelTopic()}) {
      assertThat(topics).containsKeys(read, read + ".dlt");
      assertThat(topics.get(read + ".dlt").numPartitions())
          .as("dead letters keep the partition of the record")
          .isEqualTo(topics.get(read).numPartitions());
      assertThat(topics.get(read).configs()).containsEntry("cleanup.policy", "compact");
      Map<String, String> deadLetterConfig = topics.get(read + ".dlt").configs();
      assertThat(deadLetterConfig == null ? Map.<String, String>of() : deadLetterConfig)
          .as("dead letters are kept, not compacted away")
          .doesNotContainKey("cleanup.policy");
    }
  }
}
