package dev.passbridge.testsupport;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Session tokens exactly as auth-service signs them (docs/CONVENTIONS.md): ES256 with {@code kid}
 * and {@code typ: JWT}; claims {@code iss}, {@code sub}, {@code sid}, {@code amr}, {@code roles},
 * {@code iat}, {@code exp} (1 h), {@code jti}. For services under test that trust a test key.
 */
public final class SessionTokens {
  private SessionTokens() {}

  public static final String ISSUER = "https://passbridge.dev/auth";

  /** A fresh EC P-256 signing key. */
  public static ECKey newKey(String keyId) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static JWTClaimsSet.Builder claims(
      UUID userId, String sessionId, List<String> roles, Instant now) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(userId.toString())
        .claim("sid", sessionId)
        .claim("amr", List.of("pwd", "otp"))
        .claim("roles", roles)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
        .jwtID(UUID.randomUUID().toString());
  }

  public static String sign(ECKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.ES256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid session issued now. */
  public static String session(ECKey key, UUID userId, String sessionId, List<String> roles) {
    return sign(key, claims(userId, sessionId, roles, Instant.now()).build());
  }
}
