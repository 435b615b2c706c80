package dev.passbridge.auth.session.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.auth.session.IssuedSession;
import dev.passbridge.auth.session.SessionTokens;
import dev.passbridge.auth.session.keys.SigningKey;
import dev.passbridge.auth.session.keys.SigningKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session JWTs: header {@code alg=ES256, kid, typ=JWT}; claims {@code iss, sub, sid, amr, roles,
 * iat, exp, jti}.
 */
public class JwtSessionTokens implements SessionTokens {
  private final SigningKeys keys;
  private final String issuer;
  private final Duration ttl;
  private final Map<String, JWSSigner> signers = new ConcurrentHashMap<>();

  public JwtSessionTokens(SigningKeys keys, String issuer, Duration ttl) {
    this.keys = keys;
    this.issuer = issuer;
    this.ttl = ttl;
  }

  @Override
  public IssuedSession issue(
      UUID userId, String sessionId, List<String> amr, List<String> roles, Instant now) {
    SigningKey key = keys.current();
    Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
    Instant expiresAt = issuedAt.plus(ttl);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(userId.toString())
            .claim("sid", sessionId)
            .claim("amr", amr)
            .claim("roles", roles)
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(expiresAt))
            .jwtID(UUID.randomUUID().toString())
            .build();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).type(JOSEObjectType.JWT).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signers.computeIfAbsent(key.kid(), kid -> signer(key)));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a session token", e);
    }
    return new IssuedSession(jwt.serialize(), key.kid(), expiresAt);
  }

  private static JWSSigner signer(SigningKey key) {
    try {
      return new ECDSASigner(key.jwk());
    } catch (JOSEException e) {
      throw new IllegalStateException("signing key " + key.kid() + " is unusable", e);
    }
  }
}
