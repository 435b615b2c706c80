package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * passkey-service: the owner deleted a passkey (on Passbridge's pages, or through a Connect
 * client's {@code /connect/v1/users/.../passkeys} or its page with a manage token).
 *
 * @param source absent means {@link LoginSource#HOSTED}
 * @param clientId the Connect client that deleted it
 */
public record PasskeyDeleted(
    UUID eventId,
    Instant occurredAt,
    UUID userId,
    String credentialId,
    @Nullable LoginSource source,
    @Nullable String clientId)
    implements PassbridgeEvent {

  public PasskeyDeleted {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(credentialId, "credentialId");
    Require.optionalText(clientId, "clientId");
  }

  /** A passkey deleted on Passbridge's own pages. */
  public PasskeyDeleted(UUID eventId, Instant occurredAt, UUID userId, String credentialId) {
    this(eventId, occurredAt, userId, credentialId, null, null);
  }
}
