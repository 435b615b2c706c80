package dev.passbridge.passkey.it;

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
 * Session JWTs as auth-service issues them (CONVENTIONS.md), signed with a generated EC P-256 key
 * that the service under test trusts through a test {@link JWKSource} bean.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestSessions {
  static final ECKey KEY = SessionTokens.newKey("test-session-key");

  @Bean
  JWKSource<SecurityContext> testSessionKeys() {
    return new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK()));
  }

  /** A valid session cookie value for the user and login. */
  public static String token(UUID userId, String loginId) {
    return SessionTokens.session(KEY, userId, loginId, List.of("user"));
  }

  /** Signed with a key the service does not know. */
  public static String foreignToken(UUID userId, String loginId) {
    return SessionTokens.session(
        SessionTokens.newKey("test-session-key"), userId, loginId, List.of("user"));
  }
}
