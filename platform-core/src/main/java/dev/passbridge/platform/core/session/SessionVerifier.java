package dev.passbridge.platform.core.session;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The blocking session check of the servlet services: the token's key from a Nimbus {@link
 * JWKSource} (auth-service's JWKS through {@code JWKSourceBuilder}: cached, refreshed at most at a
 * limited rate on an unknown {@code kid}, the last good keys kept through an outage; auth-service
 * itself uses its own key store), the token through {@link SessionTokenVerifier} (the same checks
 * as the gateway's), then the revocation rule: a valid session auth-service revoked (logout) is no
 * session, and when the revocation store cannot be asked, {@link #verify} throws {@link
 * RevocationCheckUnavailableException} (fail closed). Anything else that is wrong with the token,
 * or keys that cannot be read, is simply no session.
 */
public class SessionVerifier {
  /** Tolerance on {@code exp}/{@code nbf}, as at the gateway by default. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

  private final JWKSource<SecurityContext> keys;
  private final SessionTokenVerifier tokens;
  private final SessionRevocations revocations;

  /**
   * @param keys the session signing keys (auth-service's JWKS, or its own key store)
   * @param issuer the required {@code iss}
   * @param revocations where logged-out sessions are recorded
   */
  public SessionVerifier(
      JWKSource<SecurityContext> keys, String issuer, Clock clock, SessionRevocations revocations) {
    this.keys = keys;
    this.tokens = new SessionTokenVerifier(issuer, CLOCK_SKEW, clock);
    this.revocations = revocations;
  }

  /**
   * The session this token carries, or empty when it is invalid or revoked.
   *
   * @throws RevocationCheckUnavailableException when a valid token's revocation cannot be checked
   */
  public Optional<Session> verify(String token) {
    Optional<Session> session = verifySignature(token);
    if (session.isPresent() && revocations.isRevoked(session.get().sessionId())) {
      return Optional.empty();
    }
    return session;
  }

  private Optional<Session> verifySignature(String token) {
    Optional<String> keyId = SessionTokenVerifier.keyId(token);
    if (keyId.isEmpty()) {
      return Optional.empty();
    }
    JWKSet keySet;
    try {
      keySet =
          new JWKSet(
              keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(keyId.get()).build()), null));
    } catch (KeySourceException e) {
      return Optional.empty();
    }
    return tokens.verify(token, keySet) instanceof TokenCheck.Valid valid
        ? Optional.of(valid.session())
        : Optional.empty();
  }
}
