package dev.passbridge.passkey.erasure.internal;

import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.passkey.erasure.UserErasure;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Kafka adapter: auth-service's erasures (at-least-once; the erasure is idempotent). Retries and
 * the dead-letter topic are the platform's, as for every listener.
 */
public class UserErasedListener {
  private final UserErasure erasure;

  public UserErasedListener(UserErasure erasure) {
    this.erasure = erasure;
  }

  @KafkaListener(
      topics = "#{T(dev.passbridge.contracts.topics.Topics).USER_ERASED.name()}",
      autoStartup = "${passbridge.passkey.consume-events:true}")
  public void erased(UserErased event) {
    erasure.onErased(event);
  }
}
