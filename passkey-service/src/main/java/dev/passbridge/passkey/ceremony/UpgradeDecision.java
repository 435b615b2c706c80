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

  /** Reason of a {@code NONE} decision whose passkey was stored. */
  public static final String CREATED = "CREATED";

  /** Reason of a {@code NONE} decision whose ceremony failed or was declined. */
  public static final String FAILED = "FAILED";

  /** Whether this login's ceremony is over (a passkey stored, or the outcome reported). */
  public boolean finished() {
    return action == UpgradeAction.NONE && (CREATED.equals(reason) || FAILED.equals(reason));
  }

  public static UpgradeDecision none(UUID userId, String loginId, String reason) {
    return new UpgradeDecision(userId, loginId, UpgradeAction.NONE, reason, null, null);
  }
}
