package dev.passbridge.passkey.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Session JWTs as auth-service issues them (CONVENTIONS.md), signed with a generated EC P-256 key
 * that the service under test trusts through a test {@link JWKSource} bean.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestSessions {
  static final ECKey KEY = generate();

  private static ECKey generate() {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID("test-session-key").generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Bean
  JWKSource<SecurityContext> testSessionKeys() {
    return new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK()));
  }

  /** A valid session cookie value for the user and login. */
  public static String token(UUID userId, String loginId) {
    return sign(KEY, userId, loginId);
  }

  static String sign(ECKey key, UUID userId, String loginId) {
    try {
      Instant now = Instant.now();
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .issuer("https://passbridge.dev/auth")
              .subject(userId.toString())
              .claim("sid", loginId)
              .claim("amr", List.of("pwd", "otp"))
              .claim("roles", List.of("user"))
              .issueTime(Date.from(now))
              .expirationTime(Date.from(now.plusSeconds(3600)))
              .jwtID(UUID.randomUUID().toString())
              .build();
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

  /** Signed with a key the service does not know. */
  public static String foreignToken(UUID userId, String loginId) {
    return sign(generate(), userId, loginId);
  }
}
