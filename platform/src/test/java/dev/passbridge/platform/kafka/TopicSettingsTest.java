package dev.passbridge.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The settings a service gives the topics it creates. */
class TopicSettingsTest {

  static PassbridgeKafkaProperties properties(Duration retention, int minInsyncReplicas) {
    return new PassbridgeKafkaProperties(
        3,
        (short) 3,
        minInsyncReplicas,
        true,
        retention,
        3,
        Duration.ofMillis(200),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofMillis(100));
  }

  @Test
  void aTopicKeepsItsEventsForTheConfiguredRetention() {
    NewTopic topic =
        PassbridgeKafkaAutoConfiguration.newTopic(
            "password-authenticated", properties(Duration.ofDays(3), 2));
    assertThat(topic.configs())
        .containsEntry("retention.ms", "259200000")
        .containsEntry("min.insync.replicas", "2");
    assertThat(topic.numPartitions()).isEqualTo(3);
  }

  @Test
  void theRulesAuditTrailIsKeptForGood() {
    NewTopic topic =
        PassbridgeKafkaAutoConfiguration.newTopic(
            dev.passbridge.contracts.topics.Topics.RULES_CHANGED.name(),
            properties(Duration.ofDays(3), 0));
    assertThat(topic.configs()).containsEntry("retention.ms", "-1");
    NewTopic deadLetters =
        PassbridgeKafkaAutoConfiguration.newTopic(
            dev.passbridge.contracts.topics.Topics.RULES_CHANGED.deadLetterName(),
            properties(Duration.ofDays(3), 0));
    assertThat(deadLetters.configs()).containsEntry("retention.ms", "259200000");
  }

  @Test
  void withoutMinInsyncReplicasOnlyTheRetentionIsSet() {
    NewTopic topic =
        PassbridgeKafkaAutoConfiguration.newTopic("x", properties(Duration.ofDays(7), 0));
    assertThat(topic.configs()).containsOnlyKeys("retention.ms");
    assertThat(topic.configs().get("retention.ms")).isEqualTo("604800000");
  }
}
