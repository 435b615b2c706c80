package dev.passbridge.platform.core.session;

/**
 * Whether auth-service revoked a session (logout): Redis key {@code session:revoked:<sid>}, written
 * by auth-service with a TTL of the session's remaining lifetime. Implementations answer or throw
 * {@link RevocationCheckUnavailableException}; they never guess "not revoked".
 */
@FunctionalInterface
public interface SessionRevocations {
  /** The key prefix auth-service writes and every verifier reads (no service prefix). */
  String KEY_PREFIX = "session:revoked:";

  static String key(String sessionId) {
    return KEY_PREFIX + sessionId;
  }

  /**
   * @throws RevocationCheckUnavailableException when the store cannot be asked (the caller fails
   *     closed)
   */
  boolean isRevoked(String sessionId);
}
