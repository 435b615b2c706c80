package dev.passbridge.passkey.loginresult;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
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
import java.util.Objects;
import java.util.UUID;

/**
 * Signs and verifies login results: ES256 JWTs with header {@code typ login-result+jwt} and {@code
 * kid}, claims {@code iss}, {@code aud} (the client id, one value), {@code sub} (the external user
 * id), {@code jti}, {@code cred}, {@code amr ["passkey"]}, {@code iat}, {@code exp} (at most {@link
 * #MAX_LIFETIME} after {@code iat}). The {@code typ} keeps them apart from sessions and connect
 * tokens: neither verifier accepts the other's tokens. Verification is everything but single use
 * (that is {@link LoginResultRedemptions}). Plain Java, no I/O.
 */
public final class LoginResults {
  public static final JOSEObjectType TYPE = new JOSEObjectType("login-result+jwt");
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(2);
  public static final int MAX_LENGTH = 4096;
  static final List<String> AMR = List.of("passkey");

  private final LoginResultKeys keys;
  private final String issuer;
  private final Duration lifetime;
  private final Duration skew;
  private final Clock clock;

  public LoginResults(
      LoginResultKeys keys, String issuer, Duration lifetime, Duration skew, Clock clock) {
    if (lifetime.compareTo(MAX_LIFETIME) > 0 || !lifetime.isPositive()) {
      throw new IllegalArgumentException("a login result lives at most 2 minutes");
    }
    this.keys = Objects.requireNonNull(keys);
    this.issuer = Objects.requireNonNull(issuer);
    this.lifetime = lifetime;
    this.skew = skew;
    this.clock = clock;
  }

  /** A fresh signed result for this login. */
  public String sign(String clientId, String externalUserId, String credentialId) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(clientId)
            .subject(externalUserId)
            .jwtID(UUID.randomUUID().toString())
            .claim("cred", credentialId)
            .claim("amr", AMR)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .build();
    ECKey key = keys.signingKey();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).keyID(key.getKeyID()).build(),
            claims);
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a login result", e);
    }
    return jwt.serialize();
  }

  /**
   * Signature (this service's key only), type, algorithm, issuer, audience, expiry and lifetime.
   *
   * @param audience the client that presents the result: a result for another client is invalid
   */
  public LoginResultCheck verify(String token, String audience) {
    if (token == null || token.isBlank() || token.length() > MAX_LENGTH) {
      return new LoginResultCheck.Invalid("malformed");
    }
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException e) {
      return new LoginResultCheck.Invalid("malformed");
    }
    if (!(parsed instanceof SignedJWT signed)) {
      return new LoginResultCheck.Invalid("unsigned");
    }
    JWSHeader header = signed.getHeader();
    if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
      return new LoginResultCheck.Invalid("algorithm not allowed");
    }
    if (!TYPE.equals(header.getType())) {
      return new LoginResultCheck.Invalid("wrong token type");
    }
    JWK key = header.getKeyID() == null ? null : keys.publicKeys().getKeyByKeyId(header.getKeyID());
    if (!(key instanceof ECKey ecKey)) {
      return new LoginResultCheck.Invalid("unknown key");
    }
    try {
      if (!signed.verify(new ECDSAVerifier(ecKey.toECPublicKey()))) {
        return new LoginResultCheck.Invalid("bad signature");
      }
      return claims(signed.getJWTClaimsSet(), audience);
    } catch (JOSEException | ParseException e) {
      return new LoginResultCheck.Invalid("unverifiable");
    }
  }

  private LoginResultCheck claims(JWTClaimsSet claims, String audience) throws ParseException {
    if (!issuer.equals(claims.getIssuer())) {
      return new LoginResultCheck.Invalid("wrong issuer");
    }
    if (claims.getAudience() == null
        || claims.getAudience().size() != 1
        || !claims.getAudience().getFirst().equals(audience)) {
      return new LoginResultCheck.Invalid("other audience");
    }
    Date issued = claims.getIssueTime();
    Date expires = claims.getExpirationTime();
    if (issued == null || expires == null) {
      return new LoginResultCheck.Invalid("no lifetime");
    }
    if (Duration.between(issued.toInstant(), expires.toInstant()).compareTo(MAX_LIFETIME) > 0) {
      return new LoginResultCheck.Invalid("lifetime too long");
    }
    if (!clock.instant().isBefore(expires.toInstant().plus(skew))) {
      return new LoginResultCheck.Invalid("expired");
    }
    String subject = claims.getSubject();
    String jti = claims.getJWTID();
    String credential = claims.getStringClaim("cred");
    List<String> amr = claims.getStringListClaim("amr");
    if (subject == null || jti == null || jti.isBlank() || credential == null || amr == null) {
      return new LoginResultCheck.Invalid("missing claims");
    }
    return new LoginResultCheck.Valid(
        new LoginResult(
            audience, subject, jti, credential, amr, issued.toInstant(), expires.toInstant()));
  }
}
