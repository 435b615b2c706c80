package dev.passbridge.intelligence.it;

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
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Sessions as auth-service signs them (CONVENTIONS.md): ES256 with {@code kid}, {@code typ: JWT},
 * {@code iss}, {@code sub}, {@code sid}, {@code amr}, {@code roles}, {@code iat}, {@code exp},
 * {@code jti}. The service verifies them against the test key source instead of the JWKS URL.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestSessions {
  static final ECKey KEY = generate("it-key");
  static final ECKey FOREIGN_KEY = generate("it-key");

  private static ECKey generate(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Bean
  JWKSource<SecurityContext> testSessionKeys() {
    return new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK()));
  }

  static String token(UUID userId, List<String> roles) {
    return sign(KEY, userId, roles);
  }

  static String sign(ECKey key, UUID userId, List<String> roles) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("https://passbridge.dev/auth")
            .subject(userId.toString())
            .claim("sid", "login-" + UUID.randomUUID())
            .claim("amr", List.of("pwd", "otp"))
            .claim("roles", roles)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
            .jwtID(UUID.randomUUID().toString())
            .build();
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
}
