package dev.passbridge.gateway.session;

import java.time.Instant;
import java.util.Set;

/**
 * A session whose JWT verified: the claims the edge needs.
 *
 * @param userId {@code sub}
 * @param sessionId {@code sid} (the loginId that created the session; the revocation key)
 * @param roles {@code roles}
 * @param expiresAt {@code exp}
 */
public record VerifiedSession(
    String userId, String sessionId, Set<String> roles, Instant expiresAt) {
  public VerifiedSession {
    roles = Set.copyOf(roles);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
