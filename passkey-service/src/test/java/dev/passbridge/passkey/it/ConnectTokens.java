package dev.passbridge.passkey.it;

import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.platform.core.connect.ConnectScope;
import dev.passbridge.platform.core.connect.ConnectToken;
import dev.passbridge.testsupport.SessionTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Connect tokens as auth-service signs them (connect.md: ES256, {@code typ connect+jwt}, with the
 * session key), signed with the key the service under test trusts ({@link TestSessions#KEY}).
 */
final class ConnectTokens {
  private ConnectTokens() {}

  static String append(UUID userId, String externalUserId, String clientId, String loginId) {
    return sign(
        TestSessions.KEY,
        token(userId, externalUserId, clientId, loginId, ConnectScope.APPEND, Instant.now()));
  }

  static String manage(UUID userId, String externalUserId, String clientId) {
    return sign(
        TestSessions.KEY,
        token(userId, externalUserId, clientId, null, ConnectScope.MANAGE, Instant.now()));
  }

  static ConnectToken token(
      UUID userId,
      String externalUserId,
      String clientId,
      String loginId,
      ConnectScope scope,
      Instant issuedAt) {
    return new ConnectToken(
        userId,
        externalUserId,
        clientId,
        clientId,
        loginId,
        scope,
        UUID.randomUUID().toString(),
        issuedAt.plus(Duration.ofMinutes(5)));
  }

  static String sign(ECKey key, ConnectToken token) {
    return sign(key, token, token.expiresAt().minus(Duration.ofMinutes(5)));
  }

  static String sign(ECKey key, ConnectToken token, Instant issuedAt) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              ConnectToken.header(key.getKeyID()), token.claims(SessionTokens.ISSUER, issuedAt));
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
