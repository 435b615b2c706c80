package dev.passbridge.passkey.credentials;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The credential store's use cases. Adding and deleting a passkey write the row and the event
 * together (the {@link CredentialStore} does both in one transaction: the event goes into the
 * outbox and reaches Kafka after the commit, and again after a restart if that did not finish).
 */
public class PasskeyCredentials {
  /**
   * The longest credential id a stored passkey can have: registration accepts ids of at most 384
   * bytes ({@code RegistrationVerifier.MAX_CREDENTIAL_ID_BYTES}), 512 characters in base64url,
   * which is also the most the event contracts carry ({@code PasskeyDeleted.credentialId}).
   */
  public static final int MAX_CREDENTIAL_ID_LENGTH = 512;

  private final CredentialStore store;
  private final Clock clock;

  public PasskeyCredentials(CredentialStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Stores a new passkey with its {@code PasskeyCreated}.
   *
   * @return {@link CredentialStore.AddResult#ALREADY_REGISTERED} when the credential id is taken,
   *     {@link CredentialStore.AddResult#USER_ERASED} when its user was erased (nothing is written
   *     then, no event either)
   */
  public CredentialStore.AddResult add(StoredCredential credential, PasskeyCreated created) {
    return store.add(credential, created);
  }

  public boolean exists(String credentialId) {
    return store.exists(credentialId);
  }

  public Optional<StoredCredential> find(String credentialId) {
    return store.find(credentialId);
  }

  /** Only the owner's passkeys: another user's id is simply not found. */
  public Optional<StoredCredential> find(UUID userId, String credentialId) {
    return store.find(credentialId).filter(c -> c.userId().equals(userId));
  }

  public List<StoredCredential> list(UUID userId) {
    return store.byUser(userId);
  }

  /** The ids (and transports) of the user's passkeys as they are now, for excludeCredentials. */
  public List<CredentialRef> refs(UUID userId) {
    return store.refsByUser(userId);
  }

  /** A connect tenant's user's passkeys (connect.md, server API). */
  public List<StoredCredential> listOfExternalUser(String tenant, String externalUserId) {
    return store.byExternalUser(tenant, externalUserId);
  }

  /**
   * Deletes a passkey of a connect tenant's user on behalf of Connect client {@code clientId} and
   * records {@code PasskeyDeleted} with {@code source CONNECT} and that client; false if that user
   * has no passkey with this id (in particular: another tenant's, or a hosted one).
   */
  public boolean deleteOfExternalUser(
      String clientId, String tenant, String externalUserId, String credentialId) {
    if (!couldBeStored(credentialId)) {
      return false;
    }
    return store
        .find(credentialId)
        .filter(c -> c.ownedByTenant(tenant) && externalUserId.equals(c.externalUserId()))
        .map(c -> delete(c.userId(), credentialId, clientId))
        .orElse(false);
  }

  public Optional<StoredCredential> rename(UUID userId, String credentialId, String name) {
    return store.rename(userId, credentialId, name);
  }

  /**
   * Deletes the owner's passkey and records {@code PasskeyDeleted}; false if not theirs. An id no
   * stored passkey can have (blank, or longer than {@value #MAX_CREDENTIAL_ID_LENGTH} characters)
   * is not theirs either: it is not looked up, and no event is built for it (the event would refuse
   * it).
   *
   * @param clientId the Connect client the owner deleted it through (its page with a manage token,
   *     or its server API), recorded as {@code source CONNECT}; null on Passbridge's own pages
   */
  public boolean delete(UUID userId, String credentialId, String clientId) {
    if (!couldBeStored(credentialId)) {
      return false;
    }
    return store.delete(
        userId,
        credentialId,
        new PasskeyDeleted(
            UUID.randomUUID(),
            clock.instant(),
            userId,
            credentialId,
            clientId == null ? null : LoginSource.CONNECT,
            clientId));
  }

  /**
   * Erases the user's passkeys (no {@code PasskeyDeleted}: the erasure itself is the fact) and
   * records the user's tombstone now, removing tombstones older than {@code tombstoneRetention};
   * see {@link CredentialStore#erase}.
   */
  public CredentialStore.Erasure erase(UUID userId, Duration tombstoneRetention) {
    Instant now = clock.instant();
    return store.erase(userId, now, now.minus(tombstoneRetention));
  }

  /**
   * Whether the user was erased (their tombstone is still kept, see {@link #erase}): one
   * primary-key read.
   */
  public boolean isErased(UUID userId) {
    return store.isErased(userId);
  }

  /** Whether a stored passkey can have this id: not blank, at most 512 characters. */
  static boolean couldBeStored(String credentialId) {
    return credentialId != null
        && !credentialId.isBlank()
        && credentialId.length() <= MAX_CREDENTIAL_ID_LENGTH;
  }

  /** See {@link CredentialStore#recordUse}. */
  public CredentialStore.Use recordUse(
      String credentialId, long newCount, boolean backupEligible, boolean backupState) {
    return store.recordUse(credentialId, newCount, backupEligible, backupState, clock.instant());
  }

  public void flagCounterRegression(String credentialId) {
    store.flagCounterRegression(credentialId, clock.instant());
  }
}
