package dev.passbridge.platform.core.session;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A verified session: the claims of the session JWT that auth-service signed.
 *
 * @param userId {@code sub}
 * @param sessionId {@code sid}: the loginId that created the session
 * @param amr authentication methods ({@code pwd}+{@code otp} or {@code hwk})
 * @param roles e.g. {@code user}, {@code admin}
 * @param issuedAt {@code iat}: when the user signed in (a session is never renewed), for what asks
 *     for a recent sign-in (deleting the account)
 * @param expiresAt {@code exp}
 */
public record Session(
    UUID userId,
    String sessionId,
    List<String> amr,
    Set<String> roles,
    Instant issuedAt,
    Instant expiresAt) {

  public Session {
    amr = List.copyOf(amr);
    roles = Set.copyOf(roles);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
