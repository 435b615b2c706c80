package dev.passbridge.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class DeadLetterCounterTest {

  @Test
  void everyEventTopicStartsAtZeroSoTheFirstDeadLetterIsAnIncrease() {
    var registry = new SimpleMeterRegistry();
    new DeadLetterCounter(registry);
    assertThat(registry.find(DeadLetterCounter.NAME).counters()).hasSize(Topics.ALL.size());
    assertThat(
            registry
                .get(DeadLetterCounter.NAME)
                .tag("topic", Topics.OTP_VERIFIED.name())
                .counter()
                .count())
        .isZero();
  }

  @Test
  void countsPerSourceTopicIncludingTopicsOutsideTheContracts() {
    var registry = new SimpleMeterRegistry();
    var counter = new DeadLetterCounter(registry);
    counter.sent(Topics.OTP_VERIFIED.name());
    counter.sent(Topics.OTP_VERIFIED.name());
    counter.sent("intelligence-service-rules");
    assertThat(
            registry
                .get(DeadLetterCounter.NAME)
                .tag("topic", Topics.OTP_VERIFIED.name())
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(
            registry
                .get(DeadLetterCounter.NAME)
                .tag("topic", "intelligence-service-rules")
                .counter()
                .count())
        .isEqualTo(1);
  }
}
