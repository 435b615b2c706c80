package dev.passbridge.platform.kafka;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.topics.Topics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes events to their topic, keyed by user id. {@link #publishAndWait} returns only once the
 * broker acknowledged the record ({@code acks=all}), so an HTTP answer never claims a step that
 * Kafka did not take.
 */
public class EventPublisher {
  private final KafkaTemplate<String, PassbridgeEvent> template;
  private final Duration timeout;

  public EventPublisher(KafkaTemplate<String, PassbridgeEvent> template, Duration timeout) {
    this.template = template;
    this.timeout = timeout;
  }

  /** How long {@link #publishAndWait} waits for the broker's acknowledgement. */
  public Duration timeout() {
    return timeout;
  }

  public CompletableFuture<SendResult<String, PassbridgeEvent>> publish(PassbridgeEvent event) {
    return template.send(Topics.of(event).name(), event.key(), event);
  }

  /**
   * @throws EventPublicationException when the broker did not acknowledge in time (a retryable,
   *     503-class failure: the caller's state must not claim success)
   */
  public SendResult<String, PassbridgeEvent> publishAndWait(PassbridgeEvent event) {
    try {
      return publish(event).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventPublicationException(event, e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new EventPublicationException(event, e);
    }
  }
}
