package dev.passbridge.passkey.ceremony;

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
 */
public record RegistrationCeremony(
    String ceremonyId,
    UUID userId,
    String loginId,
    UpgradeMode mode,
    String challenge,
    String userHandle,
    Platform platform,
    Instant issuedAt) {}
