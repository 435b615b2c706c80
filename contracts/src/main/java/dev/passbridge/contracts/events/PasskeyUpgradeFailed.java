package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * passkey-service: an upgrade did not complete. {@code errorName} is the browser's DOMException
 * name ({@code NotAllowedError}, {@code InvalidStateError}, {@code AbortError}, ...), {@code
 * Dismissed} when the user declined a prompt, or the server's rejection code.
 *
 * @param source absent means {@link LoginSource#HOSTED}
 * @param clientId the Connect client of the login
 */
public record PasskeyUpgradeFailed(
    UUID eventId,
    Instant occurredAt,
    UUID userId,
    String loginId,
    String ceremonyId,
    UpgradeMode mode,
    String errorName,
    @Nullable Platform platform,
    @Nullable LoginSource source,
    @Nullable String clientId)
    implements PassbridgeEvent, LoginEvent {

  public static final String DISMISSED = "Dismissed";
  public static final String NOT_ALLOWED = "NotAllowedError";
  public static final String INVALID_STATE = "InvalidStateError";

  public PasskeyUpgradeFailed {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.text(ceremonyId, "ceremonyId");
    Require.present(mode, "mode");
    Require.text(errorName, "errorName");
    Require.optionalText(clientId, "clientId");
  }

  /** A hosted login's failed upgrade. */
  public PasskeyUpgradeFailed(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      String ceremonyId,
      UpgradeMode mode,
      String errorName,
      Platform platform) {
    this(eventId, occurredAt, userId, loginId, ceremonyId, mode, errorName, platform, null, null);
  }
}
