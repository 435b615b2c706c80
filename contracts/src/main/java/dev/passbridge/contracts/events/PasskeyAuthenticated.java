package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** passkey-service: an assertion verified; {@code loginId} is fresh and completes the login. */
public record PasskeyAuthenticated(
    UUID eventId, Instant occurredAt, UUID userId, String loginId, String credentialId)
    implements PassbridgeEvent, LoginEvent {

  public PasskeyAuthenticated {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.text(credentialId, "credentialId");
  }
}
