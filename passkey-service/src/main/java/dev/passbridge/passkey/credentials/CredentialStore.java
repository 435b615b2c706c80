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

  /** What became of an accepted assertion's use: {@link #recordUse}. */
  enum Use {
    /** Written: the counter grew (or stayed 0 on both sides). */
    RECORDED,
    /**
     * Not written: another assertion of this credential stored an equal or higher counter in the
     * meantime, so this one's counter did not grow after all.
     */
    COUNTER_REGRESSION,
    /** Not written: the credential was deleted in the meantime. */
    GONE
  }

  /**
   * Persists an accepted assertion if its counter still grows against the stored one (or both are
   * 0), judged in the update itself: a concurrent assertion with a lower counter that was written
   * first does not turn a higher one into a regression.
   */
  Use recordUse(
      String credentialId,
      long newCount,
      boolean backupEligible,
      boolean backupState,
      Instant usedAt);

  void flagCounterRegression(String credentialId, Instant at);
}
