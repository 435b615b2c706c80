package dev.passbridge.auth.login;

import dev.passbridge.contracts.events.LoginMethod;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One login, from the password (or passkey) to the session, bound to one user. Holds what the
 * session needs (roles, amr, names) so issuing it costs no database round trip.
 *
 * @param amr RFC 8176 authentication method references: {@code pwd}+{@code otp} or {@code hwk}
 */
public record LoginTransaction(
    String loginId,
    UUID userId,
    LoginState state,
    LoginMethod method,
    List<String> amr,
    String username,
    String displayName,
    List<String> roles,
    Instant createdAt,
    Instant expiresAt) {

  public static final List<String> AMR_PASSWORD_OTP = List.of("pwd", "otp");
  public static final List<String> AMR_PASSKEY = List.of("hwk");

  public LoginTransaction {
    Objects.requireNonNull(loginId, "loginId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(method, "method");
    amr = List.copyOf(amr);
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(displayName, "displayName");
    roles = List.copyOf(roles);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
