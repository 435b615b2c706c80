package dev.passbridge.auth.fakes;

import dev.passbridge.auth.accounts.UserAccount;
import dev.passbridge.auth.accounts.UserAccounts;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Test double of the account store (unit tests only; ITs use PostgreSQL). */
public class InMemoryUserAccounts implements UserAccounts {
  private final Map<UUID, UserAccount> byId = new ConcurrentHashMap<>();
  public int lookups;

  @Override
  public Optional<UserAccount> findByUsernameKey(String usernameKey) {
    lookups++;
    return byId.values().stream().filter(a -> a.usernameKey().equals(usernameKey)).findFirst();
  }

  @Override
  public Optional<UserAccount> findById(UUID id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized boolean insert(UserAccount account) {
    if (byId.values().stream().anyMatch(a -> a.usernameKey().equals(account.usernameKey()))) {
      return false;
    }
    byId.put(account.id(), account);
    return true;
  }

  @Override
  public void updatePasswordHash(UUID id, String passwordHash, Instant at) {
    UserAccount a = byId.get(id);
    byId.put(
        id,
        new UserAccount(
            a.id(),
            a.username(),
            a.usernameKey(),
            a.displayName(),
            a.phone(),
            passwordHash,
            a.userHandle(),
            a.roles(),
            a.createdAt(),
            at));
  }

  @Override
  public boolean delete(UUID id) {
    return byId.remove(id) != null;
  }
}
