package dev.passbridge.auth.login.internal;

import dev.passbridge.auth.login.LoginEvents;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.platform.kafka.EventPublisher;

/** {@link LoginEvents} on Kafka: waits for the broker's acknowledgement ({@code acks=all}). */
public class KafkaLoginEvents implements LoginEvents {
  private final EventPublisher publisher;

  public KafkaLoginEvents(EventPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public void passwordAuthenticated(PasswordAuthenticated event) {
    publisher.publishAndWait(event);
  }
}
