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
    ALREADY_REGISTERED,
    /**
     * The credential's user was erased ({@link #erase}; the tombstone is still kept); nothing was
     * written, and no event recorded.
     */
    USER_ERASED
  }

  /**
   * Inserts the credential and records {@code created}, atomically, unless its user was erased: the
   * tombstone is read in the same transaction, and an erasure of the same user running at the same
   * moment is waited for (so one of the two always sees the other's result).
   */
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
   * What {@link #erase} did.
   *
   * @param passkeysDeleted the user's passkeys deleted now (0 when erased before)
   * @param alreadyErased the user's tombstone was there already (a repeated erasure): it is kept as
   *     it was
   * @param tombstonesPurged tombstones older than the retention removed in the same transaction
   */
  record Erasure(int passkeysDeleted, boolean alreadyErased, int tombstonesPurged) {}

  /**
   * Erases a user, atomically: deletes all their passkeys (hosted and Connect alike) <em>without
   * recording any event</em>, records their tombstone ({@code erasedAt}; an existing one is kept),
   * so that {@link #add} refuses them from now on, and removes every tombstone recorded before
   * {@code purgeTombstonesBefore}. Repeating it changes nothing.
   */
  Erasure erase(UUID userId, Instant erasedAt, Instant purgeTombstonesBefore);

  /**
   * Whether the user was erased ({@link #erase}) and their tombstone is still kept: one read by the
   * primary key of the tombstones, no lock taken. For an event about the user recorded outside this
   * store (a failed upgrade); {@link #add} reads the tombstone itself, under the user's lock.
   */
  boolean isErased(UUID userId);

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
