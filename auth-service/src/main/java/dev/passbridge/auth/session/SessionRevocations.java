package dev.passbridge.auth.session;

import java.time.Instant;

/**
 * Revoked sessions: Redis {@code session:revoked:<sid>} (no service prefix: the gateway reads it
 * too), kept until the session would have expired anyway.
 */
public interface SessionRevocations {
  void revoke(String sessionId, Instant expiresAt, Instant now);

  boolean isRevoked(String sessionId);
}
