package dev.passbridge.platform.core.connect;

import com.nimbusds.jose.JOSEException;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Verifies a connect token ({@link ConnectToken}) against auth-service's key set, with the same
 * inputs as {@code session.SessionTokenVerifier} (issuer, skew, clock): ES256 with a P-256 key by
 * {@code kid}, {@code typ} exactly {@code connect+jwt} (a session is refused, and a session
 * verifier refuses this token), the issuer, {@code exp} with the skew, {@code nbf} when present, a
 * lifetime ({@code exp - iat}) of at most {@link ConnectToken#MAX_LIFETIME}, one audience (the
 * client id), the tenant, the external user id, a known scope, {@code sid} for an append token and
 * {@code jti}. Plain Java, no I/O. Which client the audience must be, and the Origin, are the
 * caller's checks ({@link ConnectClients#originAllowed}).
 */
public final class ConnectTokenVerifier {
  public static final int MAX_TOKEN_LENGTH = 4096;
  public static final Pattern EXTERNAL_USER_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

  private final String issuer;
  private final Duration skew;
  private final Clock clock;

  public ConnectTokenVerifier(String issuer, Duration skew, Clock clock) {
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

  public ConnectTokenCheck verify(String token, JWKSet keys) {
    if (token == null || token.isBlank()) {
      return invalid("no token");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      return invalid("token too long");
    }
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException e) {
      return invalid("malformed token");
    }
    if (!(parsed instanceof SignedJWT signed)) {
      return invalid("unsigned token");
    }
    JWSHeader header = signed.getHeader();
    if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
      return invalid("algorithm not allowed");
    }
    if (!ConnectToken.TYPE.equals(header.getType())) {
      return invalid("wrong token type");
    }
    String keyId = header.getKeyID();
    if (keyId == null) {
      return invalid("no key id");
    }
    JWK key = keys == null ? null : keys.getKeyByKeyId(keyId);
    if (key == null) {
      return invalid("unknown key");
    }
    if (!(key instanceof ECKey ecKey)
        || !Curve.P_256.equals(ecKey.getCurve())
        || (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse()))) {
      return invalid("key not usable");
    }
    try {
      if (!signed.verify(new ECDSAVerifier(ecKey.toECPublicKey()))) {
        return invalid("bad signature");
      }
      return checkClaims(signed.getJWTClaimsSet());
    } catch (JOSEException | ParseException e) {
      return invalid("unverifiable token");
    }
  }

  private ConnectTokenCheck checkClaims(JWTClaimsSet claims) throws ParseException {
    Instant now = clock.instant();
    if (!issuer.equals(claims.getIssuer())) {
      return invalid("wrong issuer");
    }
    Date expires = claims.getExpirationTime();
    if (expires == null || !now.isBefore(expires.toInstant().plus(skew))) {
      return invalid("expired");
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && now.isBefore(notBefore.toInstant().minus(skew))) {
      return invalid("not yet valid");
    }
    Date issued = claims.getIssueTime();
    if (issued == null) {
      return invalid("no issue time");
    }
    if (issued.toInstant().isAfter(now.plus(skew))) {
      return invalid("issued in the future");
    }
    if (Duration.between(issued.toInstant(), expires.toInstant())
            .compareTo(ConnectToken.MAX_LIFETIME)
        > 0) {
      return invalid("lifetime too long");
    }
    List<String> audience = claims.getAudience();
    String subject = claims.getSubject();
    String tenant = claims.getStringClaim(ConnectToken.TENANT_CLAIM);
    String external = claims.getStringClaim(ConnectToken.EXTERNAL_USER_CLAIM);
    String tokenId = claims.getJWTID();
    if (audience == null
        || audience.size() != 1
        || !ConnectClient.CLIENT_ID.matcher(audience.getFirst()).matches()
        || subject == null
        || !isUuid(subject)
        || tenant == null
        || tenant.isBlank()
        || external == null
        || !EXTERNAL_USER_ID.matcher(external).matches()
        || tokenId == null
        || tokenId.isBlank()) {
      return invalid("missing claims");
    }
    Optional<ConnectScope> scope =
        ConnectScope.fromWire(claims.getStringClaim(ConnectToken.SCOPE_CLAIM));
    if (scope.isEmpty()) {
      return invalid("unknown scope");
    }
    String loginId = claims.getStringClaim(ConnectToken.LOGIN_CLAIM);
    if (scope.get() == ConnectScope.APPEND && (loginId == null || loginId.isBlank())) {
      return invalid("missing claims");
    }
    return new ConnectTokenCheck.Valid(
        new ConnectToken(
            UUID.fromString(subject),
            external,
            audience.getFirst(),
            tenant,
            loginId,
            scope.get(),
            tokenId,
            expires.toInstant()));
  }

  private static ConnectTokenCheck invalid(String reason) {
    return new ConnectTokenCheck.Invalid(reason);
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
