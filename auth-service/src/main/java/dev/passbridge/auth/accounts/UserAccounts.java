package dev.passbridge.auth.accounts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Where accounts live (PostgreSQL, H2 locally). */
public interface UserAccounts {

  Optional<UserAccount> findByUsernameKey(String usernameKey);

  Optional<UserAccount> findById(UUID id);

  /** Stores a new account; {@code false} when the username key is already taken. */
  boolean insert(UserAccount account);

  void updatePasswordHash(UUID id, String passwordHash, Instant at);

  /** Removes the account (an erasure); false when there is none. Its username is free again. */
  boolean delete(UUID id);
}
