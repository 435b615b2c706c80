package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * passkey-service: an assertion verified; {@code loginId} is fresh and completes the login (hosted)
 * or was answered as a signed login result to the Connect client ({@code source CONNECT}).
 *
 * @param source absent means {@link LoginSource#HOSTED}
 * @param clientId the Connect client the login result was made for
 */
public record PasskeyAuthenticated(
    UUID eventId,
    Instant occurredAt,
    UUID userId,
    String loginId,
    String credentialId,
    @Nullable LoginSource source,
    @Nullable String clientId)
    implements PassbridgeEvent, LoginEvent {

  public PasskeyAuthenticated {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.text(credentialId, "credentialId");
    Require.optionalText(clientId, "clientId");
  }

  /** A hosted passkey login. */
  public PasskeyAuthenticated(
      UUID eventId, Instant occurredAt, UUID userId, String loginId, String credentialId) {
    this(eventId, occurredAt, userId, loginId, credentialId, null, null);
  }
}
