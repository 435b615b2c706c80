package dev.passbridge.platform.kafka;

import dev.passbridge.contracts.events.PassbridgeEvent;

/** The broker did not acknowledge an event: infrastructure failure, answered with 503. */
public class EventPublicationException extends RuntimeException {
  public EventPublicationException(PassbridgeEvent event, Throwable cause) {
    super(
        "Kafka did not acknowledge " + event.getClass().getSimpleName() + " " + event.eventId(),
        cause);
  }
}
