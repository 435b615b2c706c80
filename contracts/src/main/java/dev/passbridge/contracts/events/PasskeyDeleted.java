package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** passkey-service: the owner deleted a passkey. */
public record PasskeyDeleted(UUID eventId, Instant occurredAt, UUID userId, String credentialId)
    implements PassbridgeEvent {

  public PasskeyDeleted {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(credentialId, "credentialId");
  }
}
