package dev.passbridge.auth.session.internal;

import dev.passbridge.auth.session.SessionEvents;
import dev.passbridge.contracts.events.LoginSucceeded;
import dev.passbridge.platform.kafka.EventPublisher;

public class KafkaSessionEvents implements SessionEvents {
  private final EventPublisher publisher;

  public KafkaSessionEvents(EventPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public void loginSucceeded(LoginSucceeded event) {
    publisher.publishAndWait(event);
  }
}
