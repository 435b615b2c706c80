package dev.passbridge.passkey.credentials;

import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.passkey.credentials.internal.CredentialStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;

/**
 * The credential store's use cases. Adding and deleting a passkey write the row and the event in
 * one transaction: the event goes into spring-modulith's event publication registry (the outbox)
 * and is externalised to Kafka after the commit, and again after a restart if that did not finish.
 */
public class PasskeyCredentials {
  private final CredentialStore store;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  public PasskeyCredentials(CredentialStore store, ApplicationEventPublisher events, Clock clock) {
    this.store = store;
    this.events = events;
    this.clock = clock;
  }

  /**
   * @throws org.springframework.dao.DuplicateKeyException when the credential id is taken (nothing
   *     is written then)
   */
  @Transactional
  public void add(StoredCredential credential, PasskeyCreated created) {
    store.insert(credential);
    events.publishEvent(created);
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

  @Transactional
  public Optional<StoredCredential> rename(UUID userId, String credentialId, String name) {
    if (!store.rename(userId, credentialId, name)) {
      return Optional.empty();
    }
    return store.find(credentialId);
  }

  /** Deletes the owner's passkey and records {@code PasskeyDeleted}; false if not theirs. */
  @Transactional
  public boolean delete(UUID userId, String credentialId) {
    if (!store.delete(userId, credentialId)) {
      return false;
    }
    events.publishEvent(
        new PasskeyDeleted(UUID.randomUUID(), clock.instant(), userId, credentialId));
    return true;
  }

  public boolean recordUse(
      String credentialId,
      long previousCount,
      long newCount,
      boolean backupEligible,
      boolean backupState) {
    return store.recordUse(
        credentialId, previousCount, newCount, backupEligible, backupState, clock.instant());
  }

  public void flagCounterRegression(String credentialId) {
    store.flagCounterRegression(credentialId, clock.instant());
  }
}
