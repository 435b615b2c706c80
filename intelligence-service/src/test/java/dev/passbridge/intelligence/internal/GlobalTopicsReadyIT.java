package dev.passbridge.intelligence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;

/** The gate before Kafka Streams, against a real broker. */
class GlobalTopicsReadyIT {
  private final KafkaAdmin admin =
      new KafkaAdmin(
          Map.of(
              AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
              TestInfrastructure.kafkaBootstrapServers()));

  @Test
  void waitsForATopicUntilItsPartitionsHaveLeadersAndRunsJustBeforeStreams()
      throws InterruptedException {
    String rules = "gate-rules-" + UUID.randomUUID();
    String funnel = "gate-funnel-" + UUID.randomUUID();
    StreamsBuilderFactoryBean streams = new StreamsBuilderFactoryBean();
    GlobalTopicsReady gate =
        new GlobalTopicsReady(admin, List.of(rules, funnel), Duration.ofMillis(400), streams);
    assertThat(gate.getPhase()).isEqualTo(streams.getPhase() - 1);

    assertThat(gate.notReady()).isEqualTo(rules);
    admin.createOrModifyTopics(new NewTopic(rules, 1, (short) 1));
    // a broker may answer the creation before it serves the topic (the race the gate is for)
    assertThat(notReadyOnceSettled(gate, rules)).isEqualTo(funnel);

    // neither served: start gives up after the timeout and lets Streams start (and fail) as before
    long t0 = System.nanoTime();
    gate.start();
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(gate.isRunning()).isTrue();
    gate.stop();
    assertThat(gate.isRunning()).isFalse();

    admin.createOrModifyTopics(new NewTopic(funnel, 3, (short) 1));
    // served or not yet, start returns once both are
    GlobalTopicsReady patient =
        new GlobalTopicsReady(admin, List.of(rules, funnel), Duration.ofSeconds(10), streams);
    patient.start();
    assertThat(patient.isRunning()).isTrue();
    assertThat(patient.notReady()).isEmpty();
  }

  /** What the gate waits for once {@code created} is served (at most 10 s). */
  private static String notReadyOnceSettled(GlobalTopicsReady gate, String created)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String waiting = gate.notReady();
    while (waiting.equals(created) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      waiting = gate.notReady();
    }
    return waiting;
  }
}
