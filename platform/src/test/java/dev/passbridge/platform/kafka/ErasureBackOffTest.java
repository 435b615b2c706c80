package dev.passbridge.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.topics.Topics;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * A failing {@code UserErased} is retried for half an hour before the dead-letter topic (an erasure
 * must be applied); every other topic keeps the configured retries.
 */
class ErasureBackOffTest {

  @Test
  void anErasureIsRetriedForHalfAnHourBackingOffToAMinute() {
    BackOff backOff = PassbridgeKafkaAutoConfiguration.backOffFor(Topics.USER_ERASED.name());
    assertThat(backOff).isNotNull();
    BackOffExecution execution = backOff.start();
    long waited = 0;
    int attempts = 0;
    long longest = 0;
    for (long next = execution.nextBackOff();
        next != BackOffExecution.STOP;
        next = execution.nextBackOff()) {
      waited += next;
      attempts++;
      longest = Math.max(longest, next);
    }
    assertThat(attempts).isGreaterThan(30);
    assertThat(longest).isEqualTo(60_000);
    assertThat(Duration.ofMillis(waited)).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(32));
  }

  @Test
  void otherTopicsKeepTheConfiguredRetries() {
    for (var topic : Topics.ALL) {
      if (topic != Topics.USER_ERASED) {
        assertThat(PassbridgeKafkaAutoConfiguration.backOffFor(topic.name()))
            .as(topic.name())
            .isNull();
      }
    }
    assertThat(PassbridgeKafkaAutoConfiguration.backOffFor(Topics.USER_ERASED.deadLetterName()))
        .isNull();
  }
}
