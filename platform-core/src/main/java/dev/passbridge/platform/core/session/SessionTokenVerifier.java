package dev.passbridge.platform.core.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
  public static final int MAX_TOKEN_LENGTH = 4096;

  private final String issuer;
  private final Duration skew;
  private final Clock clock;

  public SessionTokenVerifier(String issuer, Duration skew, Clock clock) {
    this.issuer = issuer;
    this.skew = skew;
    this.clock = clock;
  }

  /** The key id a token names, if it is a well-formed signed JWT at all. */
  public static Optional<String> keyId(String token) {
    try {
      if (token != null
          && token.length() <= MAX_TOKEN_LENGTH
          && JWTParser.parse(token) instanceof SignedJWT signed) {
        return Optional.ofNullable(signed.getHeader().getKeyID());
      }
    } catch (ParseException e) {
      // not a JWT
    }
    return Optional.empty();
  }

  public TokenCheck verify(String token, JWKSet keys) {
    if (token == null || token.isBlank()) {
      return new TokenCheck.Invalid("no token");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      return new TokenCheck.Invalid("token too long");
    }
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException e) {
      return new TokenCheck.Invalid("malformed token");
    }
    if (!(parsed instanceof SignedJWT signed)) {
      return new TokenCheck.Invalid("unsigned token");
    }
    JWSHeader header = signed.getHeader();
    if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
      return new TokenCheck.Invalid("algorithm not allowed");
    }
    if (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType())) {
      return new TokenCheck.Invalid("wrong token type");
    }
    String keyId = header.getKeyID();
    if (keyId == null) {
      return new TokenCheck.Invalid("no key id");
    }
    JWK key = keys.getKeyByKeyId(keyId);
    if (key == null) {
      return new TokenCheck.UnknownKey(keyId);
    }
    if (!(key instanceof ECKey ecKey)
        || !Curve.P_256.equals(ecKey.getCurve())
        || (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse()))) {
      return new TokenCheck.Invalid("key not usable for sessions");
    }
    try {
      if (!signed.verify(new ECDSAVerifier(ecKey.toECPublicKey()))) {
        return new TokenCheck.Invalid("bad signature");
      }
      return checkClaims(signed.getJWTClaimsSet());
    } catch (JOSEException | ParseException e) {
      return new TokenCheck.Invalid("unverifiable token");
    }
  }

  private TokenCheck checkClaims(JWTClaimsSet claims) throws ParseException {
    Instant now = clock.instant();
    if (!issuer.equals(claims.getIssuer())) {
      return new TokenCheck.Invalid("wrong issuer");
    }
    Date expires = claims.getExpirationTime();
    if (expires == null || !now.isBefore(expires.toInstant().plus(skew))) {
      return new TokenCheck.Invalid("expired");
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && now.isBefore(notBefore.toInstant().minus(skew))) {
      return new TokenCheck.Invalid("not yet valid");
    }
    if (claims.getIssueTime() == null) {
      return new TokenCheck.Invalid("no issue time");
    }
    String subject = claims.getSubject();
    String sessionId = claims.getStringClaim("sid");
    if (subject == null || !isUuid(subject) || sessionId == null || sessionId.isBlank()) {
      return new TokenCheck.Invalid("missing claims");
    }
    List<String> amr = Optional.ofNullable(claims.getStringListClaim("amr")).orElse(List.of());
    List<String> roles = Optional.ofNullable(claims.getStringListClaim("roles")).orElse(List.of());
    return new TokenCheck.Valid(
        new Session(
            UUID.fromString(subject), sessionId, amr, new HashSet<>(roles), expires.toInstant()));
  }

  private static boolean isUuid(String value) {
    try {
      UUID.fromString(value);
      return value.length() == 36;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
