package dev.passbridge.platform.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.passbridge.testsupport.SessionTokens;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionVerifierRevocationTest {
  private static final ECKey KEY = SessionTokens.newKey("k1");
  private final Set<String> revoked = new HashSet<>();
  private boolean storeDown;
  private final SessionVerifier verifier =
      new SessionVerifier(
          new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())),
          SessionTokens.ISSUER,
          Clock.systemUTC(),
          sid -> {
            if (storeDown) {
              throw new RevocationCheckUnavailableException("down", new RuntimeException("x"));
            }
            return revoked.contains(sid);
          });

  @Test
  void aRevokedSessionIsNoSession() {
    String token = SessionTokens.session(KEY, UUID.randomUUID(), "login-1", List.of("user"));
    assertThat(verifier.verify(token)).isPresent();
    revoked.add("login-1");
    assertThat(verifier.verify(token)).isEmpty();
    String other = SessionTokens.session(KEY, UUID.randomUUID(), "login-2", List.of("user"));
    assertThat(verifier.verify(other)).isPresent();
  }

  @Test
  void anInvalidTokenNeverAsksTheStore() {
    storeDown = true;
    assertThat(verifier.verify("not.a.jwt")).isEmpty();
    assertThat(verifier.verify(null)).isEmpty();
  }

  @Test
  void anUnreadableStoreFailsClosed() {
    storeDown = true;
    String token = SessionTokens.session(KEY, UUID.randomUUID(), "login-3", List.of("user"));
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(RevocationCheckUnavailableException.class);
  }

  @Test
  void aTokenUnderAnUnknownKeyIsNoSession() {
    String token =
        SessionTokens.session(
            SessionTokens.newKey("k2"), UUID.randomUUID(), "login-4", List.of("user"));
    assertThat(verifier.verify(token)).isEmpty();
  }
}
