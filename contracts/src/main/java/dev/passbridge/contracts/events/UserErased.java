package dev.passbridge.contracts.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * auth-service: a user was erased (a Connect platform's {@code DELETE
 * /connect/v1/users/{externalUserId}}, a hosted user deleting their own account, {@code DELETE
 * /api/me}, or an administrator erasing a hosted account, {@code POST
 * /api/admin/account-erasures}). Every reader that keeps something per user drops it:
 * passkey-service the user's passkeys, intelligence-service the passkey profile, auth-service's own
 * projection; an analytics consumer its per-user state. The id is derived from the user ({@link
 * #idFor}), so a repeated erasure is the same fact. No loginId, and nothing personal: the user id
 * is a random id that nothing maps to any more.
 *
 * @param source absent means {@link LoginSource#HOSTED} (a hosted account: deleted by its owner or
 *     erased by an administrator)
 * @param clientId the Connect client that erased the user
 */
public record UserErased(
    UUID eventId,
    Instant occurredAt,
    UUID userId,
    @Nullable LoginSource source,
    @Nullable String clientId)
    implements PassbridgeEvent {

  public UserErased {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.optionalText(clientId, "clientId");
  }

  /** The event id of a user's erasure: the same for every retry of it. */
  public static UUID idFor(UUID userId) {
    return UUID.nameUUIDFromBytes((userId + ":user-erased").getBytes(StandardCharsets.UTF_8));
  }
}
