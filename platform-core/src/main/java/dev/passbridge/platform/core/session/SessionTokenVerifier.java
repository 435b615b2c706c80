package dev.passbridge.platform.core.session;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.passbridge.platform.core.jwt.SignedJwtCheck;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Verifies a session JWT against a key set (docs/CONVENTIONS.md "Sessions"): ES256 only with a
 * P-256 key chosen by {@code kid}, {@code typ} JWT (or absent), the issuer, {@code exp} (with a
 * small skew), {@code nbf} when present, and the claims the services rely on ({@code sub} a UUID,
 * {@code sid}, {@code iat}). Anything else, {@code alg: none} and HMAC included, is {@link
 * TokenCheck.Invalid}. Plain Java, no I/O: the caller brings the key set (the gateway its
 * reactively refreshed JWKS, {@link SessionVerifier} a Nimbus {@code JWKSource}), so servlet
 * services and the gateway accept exactly the same tokens.
 */
public final class SessionTokenVerifier {
  public static final int MAX_TOKEN_LENGTH = SignedJwtCheck.MAX_TOKEN_LENGTH;

  private final SignedJwtCheck check;

  public SessionTokenVerifier(String issuer, Duration skew, Clock clock) {
    this.check =
        new SignedJwtCheck(
            issuer,
            skew,
            clock,
            type -> type == null || JOSEObjectType.JWT.equals(type),
            "key not usable for sessions");
  }

  /** The key id a token names, if it is a well-formed signed JWT at all. */
  public static Optional<String> keyId(String token) {
    return SignedJwtCheck.keyId(token);
  }

  public TokenCheck verify(String token, JWKSet keys) {
    return check.verify(
        token, keys, TokenCheck.Invalid::new, TokenCheck.UnknownKey::new, this::checkClaims);
  }

  private TokenCheck checkClaims(JWTClaimsSet claims, Instant now) throws ParseException {
    String subject = claims.getSubject();
    String sessionId = claims.getStringClaim("sid");
    if (subject == null
        || !SignedJwtCheck.isUuid(subject)
        || sessionId == null
        || sessionId.isBlank()) {
      return new TokenCheck.Invalid("missing claims");
    }
    List<String> amr = Optional.ofNullable(claims.getStringListClaim("amr")).orElse(List.of());
    List<String> roles = Optional.ofNullable(claims.getStringListClaim("roles")).orElse(List.of());
    return new TokenCheck.Valid(
        new Session(
            UUID.fromString(subject),
            sessionId,
            amr,
            new HashSet<>(roles),
            claims.getIssueTime().toInstant(),
            claims.getExpirationTime().toInstant()));
  }
}
