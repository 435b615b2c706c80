package dev.passbridge.passkey.credentials;

import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: the stored passkeys. The methods that take an event write the row and record the event in
 * the outbox atomically (both or neither), so an event is published if and only if its change was
 * committed. The JDBC adapter is {@code internal.JdbcCredentialStore}.
 */
public interface CredentialStore {

  /** What {@link #add} did. */
  enum AddResult {
    ADDED,
    /** The credential id is registered already (to any user); nothing was written. */
    ALREADY_REGISTERED
  }

  /** Inserts the credential and records {@code created}, atomically. */
  AddResult add(StoredCredential credential, PasskeyCreated created);

  boolean exists(String credentialId);

  Optional<StoredCredential> find(String credentialId);

  List<StoredCredential> byUser(UUID userId);

  /** The ids and transports of the user's passkeys, oldest first: one indexed read. */
  List<CredentialRef> refsByUser(UUID userId);

  /** The passkeys of a connect tenant's user, by the tenant's own id of them. */
  List<StoredCredential> byExternalUser(String tenant, String externalUserId);

  /** Renames the owner's passkey and reads it back; empty if it is not theirs. */
  Optional<StoredCredential> rename(UUID userId, String credentialId, String name);

  /** Deletes the owner's passkey and records {@code deleted}, atomically; false if not theirs. */
  boolean delete(UUID userId, String credentialId, PasskeyDeleted deleted);

  /**
   * Persists an accepted assertion, unless another assertion of the same credential with an equal
   * or higher counter got there first (then false: a counter regression after all).
   */
  boolean recordUse(
      String credentialId,
      long previousCount,
      long newCount,
      boolean backupEligible,
      boolean backupState,
      Instant usedAt);

  void flagCounterRegression(String credentialId, Instant at);
}
