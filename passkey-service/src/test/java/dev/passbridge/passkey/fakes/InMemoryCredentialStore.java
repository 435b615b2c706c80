package dev.passbridge.passkey.fakes;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.passkey.credentials.CredentialRef;
import dev.passbridge.passkey.credentials.CredentialStore;
import dev.passbridge.passkey.credentials.StoredCredential;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link CredentialStore} in a map; the events it would have put into the outbox are kept in {@link
 * #recorded}; erased users' tombstones in {@link #erased} (a registration for one is refused, as
 * the JDBC store does, and {@link #isErased} reads them). Rename and the counter updates are not
 * needed by the unit tests.
 */
public class InMemoryCredentialStore implements CredentialStore {
  private final Map<String, StoredCredential> credentials = new ConcurrentHashMap<>();
  public final List<PassbridgeEvent> recorded = new CopyOnWriteArrayList<>();

  /** The tombstones of erased users: user id to when. */
  public final Map<UUID, Instant> erased = new ConcurrentHashMap<>();

  @Override
  public synchronized AddResult add(StoredCredential credential, PasskeyCreated created) {
    if (erased.containsKey(credential.userId())) {
      return AddResult.USER_ERASED;
    }
    if (credentials.putIfAbsent(credential.credentialId(), credential) != null) {
      return AddResult.ALREADY_REGISTERED;
    }
    recorded.add(created);
    return AddResult.ADDED;
  }

  @Override
  public synchronized Erasure erase(UUID userId, Instant erasedAt, Instant purgeTombstonesBefore) {
    int deleted = 0;
    for (StoredCredential c : byUser(userId)) {
      credentials.remove(c.credentialId());
      deleted++;
    }
    int before = erased.size();
    erased.values().removeIf(at -> at.isBefore(purgeTombstonesBefore));
    int purged = before - erased.size();
    boolean already = erased.putIfAbsent(userId, erasedAt) != null;
    return new Erasure(deleted, already, purged);
  }

  @Override
  public boolean isErased(UUID userId) {
    return erased.containsKey(userId);
  }

  @Override
  public boolean exists(String credentialId) {
    return credentials.containsKey(credentialId);
  }

  @Override
  public Optional<StoredCredential> find(String credentialId) {
    return Optional.ofNullable(credentials.get(credentialId));
  }

  @Override
  public List<StoredCredential> byUser(UUID userId) {
    List<StoredCredential> mine = new ArrayList<>();
    credentials.values().stream().filter(c -> c.userId().equals(userId)).forEach(mine::add);
    mine.sort(Comparator.comparing(StoredCredential::createdAt));
    return mine;
  }

  @Override
  public List<CredentialRef> refsByUser(UUID userId) {
    return byUser(userId).stream()
        .map(c -> new CredentialRef(c.credentialId(), c.transports()))
        .toList();
  }

  @Override
  public List<StoredCredential> byExternalUser(String tenant, String externalUserId) {
    List<StoredCredential> theirs = new ArrayList<>();
    credentials.values().stream()
        .filter(c -> c.ownedByTenant(tenant) && externalUserId.equals(c.externalUserId()))
        .forEach(theirs::add);
    theirs.sort(Comparator.comparing(StoredCredential::createdAt));
    return theirs;
  }

  @Override
  public Optional<StoredCredential> rename(UUID userId, String credentialId, String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean delete(UUID userId, String credentialId, PasskeyDeleted deleted) {
    StoredCredential c = credentials.get(credentialId);
    if (c == null || !c.userId().equals(userId)) {
      return false;
    }
    credentials.remove(credentialId);
    recorded.add(deleted);
    return true;
  }

  @Override
  public Use recordUse(
      String credentialId,
      long newCount,
      boolean backupEligible,
      boolean backupState,
      Instant usedAt) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void flagCounterRegression(String credentialId, Instant at) {
    throw new UnsupportedOperationException();
  }
}
