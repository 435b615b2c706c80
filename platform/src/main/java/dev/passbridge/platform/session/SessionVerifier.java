package dev.passbridge.platform.session;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies the session JWT (ES256 only, {@code kid} from the header, issuer, expiry) against a key
 * source: auth-service's JWKS for the other services, its own key store inside auth-service.
 * Anything else (alg none, HS256, a foreign key, expired, malformed) is simply no session, and so
 * is a session auth-service revoked (logout): every service refuses it itself, not only the
 * gateway. When the revocation store cannot be asked, {@link #verify} throws {@link
 * RevocationCheckUnavailableException} (fail closed). Plain Java and Nimbus JOSE: the servlet
 * adapter ({@link SessionArgumentResolver}) takes the token from the cookie.
 */
public class SessionVerifier {
  private final DefaultJWTProcessor<SecurityContext> processor;
  private final SessionRevocations revocations;

  /**
   * @param keys the session signing keys (auth-service's JWKS, or its own key store)
   * @param issuer the required {@code iss}
   * @param revocations where logged-out sessions are recorded
   */
  public SessionVerifier(
      JWKSource<SecurityContext> keys, String issuer, Clock clock, SessionRevocations revocations) {
    this.revocations = revocations;
    this.processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "sid", "exp", "iat")) {
          @Override
          protected java.util.Date currentTime() {
            return java.util.Date.from(clock.instant());
          }
        };
    claims.setMaxClockSkew(5);
    processor.setJWTClaimsSetVerifier(claims);
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
    if (token == null || token.isBlank() || token.length() > 4096) {
      return Optional.empty();
    }
    try {
      JWTClaimsSet claims = processor.process(token, null);
      List<String> amr = Optional.ofNullable(claims.getStringListClaim("amr")).orElse(List.of());
      Set<String> roles =
          new HashSet<>(Optional.ofNullable(claims.getStringListClaim("roles")).orElse(List.of()));
      return Optional.of(
          new Session(
              UUID.fromString(claims.getSubject()),
              claims.getStringClaim("sid"),
              amr,
              roles,
              claims.getExpirationTime().toInstant()));
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
