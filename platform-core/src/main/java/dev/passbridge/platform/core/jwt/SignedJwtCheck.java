package dev.passbridge.platform.core.jwt;

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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The checks a signed JWT passes before its own claims are read, in this order: present, at most
 * {@link #MAX_TOKEN_LENGTH} characters, a signed JWT, ES256 only, an accepted {@code typ}, a {@code
 * kid} the key set has, a P-256 signing key, the signature, the issuer, {@code exp} (with the
 * skew), {@code nbf} when present (with the skew), {@code iat} present. The first failing check
 * names the reason; the token's own claims are then the caller's ({@link ClaimsReader}), and a
 * claim that cannot be parsed is "unverifiable token". Plain Java, no I/O.
 */
public final class SignedJwtCheck {
  public static final int MAX_TOKEN_LENGTH = 4096;

  /** Reads the claims of a token that passed every check into the caller's outcome. */
  @FunctionalInterface
  public interface ClaimsReader<R> {
    R read(JWTClaimsSet claims, Instant now) throws ParseException;
  }

  private final String issuer;
  private final Duration skew;
  private final Clock clock;
  private final Predicate<JOSEObjectType> typeAccepted;
  private final String keyNotUsable;

  /**
   * @param typeAccepted which {@code typ} header (null when absent) the token may have
   * @param keyNotUsable the reason given when the key of the {@code kid} is no P-256 signing key
   */
  public SignedJwtCheck(
      String issuer,
      Duration skew,
      Clock clock,
      Predicate<JOSEObjectType> typeAccepted,
      String keyNotUsable) {
    this.issuer = issuer;
    this.skew = skew;
    this.clock = clock;
    this.typeAccepted = typeAccepted;
    this.keyNotUsable = keyNotUsable;
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

  /**
   * Checks {@code token} against {@code keys} (none: every key is unknown).
   *
   * @param invalid the outcome for a failed check, with its reason
   * @param unknownKey the outcome for a {@code kid} the key set does not have
   * @param claims the outcome for a token that passed, from its claims
   */
  public <R> R verify(
      String token,
      JWKSet keys,
      Function<String, R> invalid,
      Function<String, R> unknownKey,
      ClaimsReader<R> claims) {
    if (token == null || token.isBlank()) {
      return invalid.apply("no token");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      return invalid.apply("token too long");
    }
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException e) {
      return invalid.apply("malformed token");
    }
    if (!(parsed instanceof SignedJWT signed)) {
      return invalid.apply("unsigned token");
    }
    JWSHeader header = signed.getHeader();
    if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
      return invalid.apply("algorithm not allowed");
    }
    if (!typeAccepted.test(header.getType())) {
      return invalid.apply("wrong token type");
    }
    String keyId = header.getKeyID();
    if (keyId == null) {
      return invalid.apply("no key id");
    }
    JWK key = keys == null ? null : keys.getKeyByKeyId(keyId);
    if (key == null) {
      return unknownKey.apply(keyId);
    }
    if (!(key instanceof ECKey ecKey)
        || !Curve.P_256.equals(ecKey.getCurve())
        || (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse()))) {
      return invalid.apply(keyNotUsable);
    }
    try {
      if (!signed.verify(new ECDSAVerifier(ecKey.toECPublicKey()))) {
        return invalid.apply("bad signature");
      }
      JWTClaimsSet set = signed.getJWTClaimsSet();
      Instant now = clock.instant();
      Optional<String> failed = firstFailure(set, now);
      return failed.isPresent() ? invalid.apply(failed.get()) : claims.read(set, now);
    } catch (JOSEException | ParseException e) {
      return invalid.apply("unverifiable token");
    }
  }

  private Optional<String> firstFailure(JWTClaimsSet claims, Instant now) {
    if (!issuer.equals(claims.getIssuer())) {
      return Optional.of("wrong issuer");
    }
    Date expires = claims.getExpirationTime();
    if (expires == null || !now.isBefore(expires.toInstant().plus(skew))) {
      return Optional.of("expired");
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && now.isBefore(notBefore.toInstant().minus(skew))) {
      return Optional.of("not yet valid");
    }
    if (claims.getIssueTime() == null) {
      return Optional.of("no issue time");
    }
    return Optional.empty();
  }

  /** A UUID in its canonical 36-character form. */
  public static boolean isUuid(String value) {
    try {
      UUID.fromString(value);
      return value.length() == 36;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
