package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * passkey-service: an assertion verified; {@code loginId} is fresh and completes the login (hosted)
 * or was answered as a signed login result to the Connect client ({@code source CONNECT}).
 *
 * @param source absent means {@link LoginSource#HOSTED}
 * @param clientId the Connect client the login result was made for
 * @param loginBinding a hosted login's browser binding: the digest of the token the browser got
 *     with the login ({@link dev.passbridge.contracts.ids.LoginBinding}); only the request that
 *     presents that token gets the session. Absent for Connect logins (their result goes to the
 *     client's backend) and in events written before it existed.
 */
public record PasskeyAuthenticated(
    UUID eventId,
    Instant occurredAt,
    UUID userId,
    String loginId,
    String credentialId,
    @Nullable LoginSource source,
    @Nullable String clientId,
    @Nullable String loginBinding)
    implements PassbridgeEvent, LoginEvent {

  public PasskeyAuthenticated {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.text(credentialId, "credentialId");
    Require.optionalText(clientId, "clientId");
    Require.optionalText(loginBinding, "loginBinding");
  }

  /** Without a browser binding (a Connect login, or written before bindings existed). */
  public PasskeyAuthenticated(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      String credentialId,
      @Nullable LoginSource source,
      @Nullable String clientId) {
    this(eventId, occurredAt, userId, loginId, credentialId, source, clientId, null);
  }

  /** A hosted passkey login. */
  public PasskeyAuthenticated(
      UUID eventId, Instant occurredAt, UUID userId, String loginId, String credentialId) {
    this(eventId, occurredAt, userId, loginId, credentialId, null, null, null);
  }
}
