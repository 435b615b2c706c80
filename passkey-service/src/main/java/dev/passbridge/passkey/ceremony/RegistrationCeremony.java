package dev.passbridge.passkey.ceremony;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.UpgradeMode;
import java.time.Instant;
import java.util.UUID;

/**
 * A registration (upgrade) ceremony as stored in Redis: single use, TTL-bound, owned by one user.
 * The {@code mode} decides whether user presence is required; it comes from intelligence-service's
 * decision, never from the client.
 *
 * @param challenge base64url
 * @param userHandle base64url of the WebAuthn {@code user.id}
 * @param source where the login happened ({@code null}: hosted), copied into the ceremony's events
 * @param clientId the connect client that reported the login ({@code null}: hosted)
 */
public record RegistrationCeremony(
    String ceremonyId,
    UUID userId,
    String loginId,
    UpgradeMode mode,
    String challenge,
    String userHandle,
    Platform platform,
    Instant issuedAt,
    LoginSource source,
    String clientId) {

  public RegistrationCeremony(
      String ceremonyId,
      UUID userId,
      String loginId,
      UpgradeMode mode,
      String challenge,
      String userHandle,
      Platform platform,
      Instant issuedAt) {
    this(ceremonyId, userId, loginId, mode, challenge, userHandle, platform, issuedAt, null, null);
  }
}
