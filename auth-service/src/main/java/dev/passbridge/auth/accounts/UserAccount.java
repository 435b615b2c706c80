package dev.passbridge.auth.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored account. {@code userHandle} is the opaque WebAuthn user handle: 64 random bytes,
 * base64url without padding, never derived from the username. {@code passwordHash} is the encoded
 * Argon2id hash, parameters included.
 */
public record UserAccount(
    UUID id,
    String username,
    String usernameKey,
    String displayName,
    PhoneNumber phone,
    String passwordHash,
    String userHandle,
    List<String> roles,
    Instant createdAt,
    Instant updatedAt) {

  public static final String ROLE_USER = "user";
  public static final String ROLE_ADMIN = "admin";

  public UserAccount {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(usernameKey, "usernameKey");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(userHandle, "userHandle");
    roles = List.copyOf(roles);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  @Override
  public String toString() {
    return "UserAccount[id=" + id + ", roles=" + roles + "]";
  }
}
