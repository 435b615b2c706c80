package dev.passbridge.passkey.ceremony;

import dev.passbridge.passkey.webauthn.CreationOptions;
import java.util.UUID;

/**
 * What {@code GET /api/passkeys/upgrade} answers for one login, as stored in Redis (keyed by the
 * loginId, so any instance can answer).
 *
 * @param action {@code CONDITIONAL_CREATE}, {@code PROMPT} or {@code NONE}
 * @param reason why nothing is to be done ({@code NONE} only)
 * @param ceremonyId and {@code publicKey}: the registration ceremony ({@code NONE}: null)
 */
public record UpgradeDecision(
    UUID userId,
    String loginId,
    UpgradeAction action,
    String reason,
    String ceremonyId,
    CreationOptions publicKey) {

  public static UpgradeDecision none(UUID userId, String loginId, String reason) {
    return new UpgradeDecision(userId, loginId, UpgradeAction.NONE, reason, null, null);
  }
}
