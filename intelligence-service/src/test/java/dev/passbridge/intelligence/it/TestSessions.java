package dev.passbridge.intelligence.it;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.passbridge.testsupport.SessionTokens;
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
  static final ECKey KEY = SessionTokens.newKey("it-key");
  static final ECKey FOREIGN_KEY = SessionTokens.newKey("it-key");

  @Bean
  JWKSource<SecurityContext> testSessionKeys() {
    return new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK()));
  }

  static String token(UUID userId, List<String> roles) {
    return sign(KEY, userId, roles);
  }

  static String sign(ECKey key, UUID userId, List<String> roles) {
    return SessionTokens.session(key, userId, "login-" + UUID.randomUUID(), roles);
  }
}
