package dev.passbridge.auth.connect;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A platform's user as Passbridge knows it: the internal id and WebAuthn user handle that (tenant,
 * external user id) maps to, for good.
 *
 * @param userHandle opaque WebAuthn user handle: 64 random bytes, base64url (86 characters), like
 *     an account's
 */
public record ConnectUser(
    String tenant, String externalUserId, UUID userId, String userHandle, Instant createdAt) {

  public ConnectUser {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(externalUserId, "externalUserId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(userHandle, "userHandle");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
