package dev.passbridge.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Session JWTs as auth-service writes them (docs/CONVENTIONS.md "Sessions"), signed with a test EC
 * P-256 key whose public half a stub auth-service serves as JWKS; plus the broken variants the edge
 * must refuse.
 */
public final class TestSessions {
  public static final String ISSUER = "https://passbridge.dev/auth";

  private final ECKey key;

  public TestSessions(String keyId) {
    try {
      key = new ECKeyGenerator(Curve.P_256).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public String keyId() {
    return key.getKeyID();
  }

  public JWKSet publicKeys() {
    return new JWKSet(key.toPublicJWK());
  }

  /** The JWKS document (public keys only) of these and more key sets. */
  public static String jwksJson(TestSessions... sessions) {
    List<com.nimbusds.jose.jwk.JWK> keys =
        java.util.Arrays.stream(sessions)
            .map(s -> (com.nimbusds.jose.jwk.JWK) s.key.toPublicJWK())
            .toList();
    return new JWKSet(keys).toString();
  }

  public JWTClaimsSet.Builder claims(
      UUID userId, String sessionId, List<String> roles, Instant now) {
    return SessionTokens.claims(userId, sessionId, roles, now);
  }

  public String sign(JWTClaimsSet claims) {
    return SessionTokens.sign(key, claims);
  }

  /** A valid user session issued now. */
  public String session(UUID userId, String sessionId, List<String> roles) {
    return sign(claims(userId, sessionId, roles, Instant.now()).build());
  }

  /** The same token with one character of the payload changed (signature no longer matches). */
  public static String tamper(String token) {
    String[] parts = token.split("\\.");
    String payload = new Base64URL(parts[1]).decodeToString().replace("\"user\"", "\"admin\"");
    return parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
  }

  /** An unsecured JWT ({@code alg: none}) with the same claims. */
  public static String unsecured(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  /**
   * HS256 signed with the public key's x coordinate as the secret (the classic confusion attack).
   */
  public String hmacWithPublicKey(JWTClaimsSet claims) {
    try {
      byte[] secret = new byte[32];
      byte[] x = key.getX().decode();
      System.arraycopy(x, 0, secret, 0, Math.min(32, x.length));
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.HS256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new MACSigner(secret));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
