package dev.passbridge.auth.password;

/**
 * One-way password hashing. The encoded form carries its own algorithm parameters, so a hash made
 * with older (weaker) settings still verifies, and {@link #needsRehash} says when to replace it.
 * Callers pass the password already normalised ({@code PasswordPolicy.normalise}).
 */
public interface PasswordHasher {

  String hash(CharSequence password);

  /** Constant-time comparison of the derived key; {@code false} for any malformed hash. */
  boolean verify(CharSequence password, String encodedHash);

  /** Whether {@code encodedHash} was made with weaker parameters than the current ones. */
  boolean needsRehash(String encodedHash);
}
