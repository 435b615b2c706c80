package dev.passbridge.auth.passkeys;

import java.time.Instant;
import java.util.UUID;

/**
 * auth-service's own view of which users have passkeys (for {@code hasPasskey}), fed by
 * passkey-service's {@code PasskeyCreated} / {@code PasskeyDeleted} and emptied for a user by
 * {@code UserErased}. Both operations are idempotent and commute: the two events travel on
 * different topics, so a deletion may be seen before its creation; a deleted credential stays a
 * tombstone and is never revived (credential ids are random and never reused).
 */
public interface PasskeyProjection {

  void created(UUID userId, String credentialId, Instant at);

  void deleted(UUID userId, String credentialId, Instant at);

  boolean hasPasskey(UUID userId);

  /** Forgets every row of an erased user ({@code UserErased}); idempotent. */
  void erased(UUID userId);
}
