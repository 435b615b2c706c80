package dev.passbridge.auth.connect.internal;

import dev.passbridge.auth.connect.ConnectEvents;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.platform.kafka.EventPublisher;

/** {@link ConnectEvents} on Kafka: waits for the broker's acknowledgement. */
public class KafkaConnectEvents implements ConnectEvents {
  private final EventPublisher publisher;

  public KafkaConnectEvents(EventPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public void passwordAuthenticated(PasswordAuthenticated event) {
    publisher.publishAndWait(event);
  }

  @Override
  public void userErased(UserErased event) {
    publisher.publishAndWait(event);
  }
}
