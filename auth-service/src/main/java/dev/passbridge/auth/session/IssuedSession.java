package dev.passbridge.auth.session;

import java.time.Instant;

/** A signed session token and its expiry. */
public record IssuedSession(String token, String keyId, Instant expiresAt) {
  @Override
  public String toString() {
    return "IssuedSession[keyId=" + keyId + ", expiresAt=" + expiresAt + "]";
  }
}
