package dev.passbridge.passkey.loginresult;

import java.time.Instant;
import java.util.List;

/**
 * What a login result says (connect.md, "Login result format").
 *
 * @param clientId {@code aud}: the connect client the login was for
 * @param externalUserId {@code sub}: the platform's own id of the user
 * @param resultId {@code jti}: what makes it single use
 * @param credentialId {@code cred}: base64url of the passkey used
 * @param amr {@code ["passkey"]}
 * @param authenticatedAt {@code iat}
 * @param expiresAt {@code exp}
 */
public record LoginResult(
    String clientId,
    String externalUserId,
    String resultId,
    String credentialId,
    List<String> amr,
    Instant authenticatedAt,
    Instant expiresAt) {

  public LoginResult {
    amr = List.copyOf(amr);
  }
}
