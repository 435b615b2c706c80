package dev.passbridge.auth.passkeys.internal;

import dev.passbridge.auth.passkeys.PasskeyProjection;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.UserErased;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Keeps the {@link PasskeyProjection} up to date from passkey-service's events, and empties it for
 * a user auth-service erased ({@code UserErased}, read back like any reader does).
 */
public class PasskeyEventsListener {
  private static final Logger log = LoggerFactory.getLogger(PasskeyEventsListener.class);
  private final PasskeyProjection projection;

  public PasskeyEventsListener(PasskeyProjection projection) {
    this.projection = projection;
  }

  @KafkaListener(
      id = "auth-passkey-projection",
      idIsGroup = false,
      groupId = "${spring.application.name}",
      topics = {
        "#{T(dev.passbridge.contracts.topics.Topics).PASSKEY_CREATED.name()}",
        "#{T(dev.passbridge.contracts.topics.Topics).PASSKEY_DELETED.name()}",
        "#{T(dev.passbridge.contracts.topics.Topics).USER_ERASED.name()}"
      })
  void on(PassbridgeEvent event) {
    switch (event) {
      case PasskeyCreated created -> {
        projection.created(created.userId(), created.credentialId(), created.occurredAt());
        log.debug("user {} has a new passkey", created.userId());
      }
      case PasskeyDeleted deleted -> {
        projection.deleted(deleted.userId(), deleted.credentialId(), deleted.occurredAt());
        log.debug("user {} deleted a passkey", deleted.userId());
      }
      case UserErased erased -> {
        projection.erased(erased.userId());
        log.info("user {} erased: passkey projection rows removed", erased.userId());
      }
      default -> {
        // other event types are not on these topics
      }
    }
  }
}
