package dev.passbridge.production.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tells which login an SMS code belongs to, as only the operator can: with the deployment's OTP
 * HMAC key and otp-service's state in Redis ({@code otp:code:<loginId>}, field {@code hmac} =
 * HMAC-SHA256 of {@code len(loginId) ":" loginId ":" code}). A user who got two SMS (one for a
 * login attempt that was answered "try again" but happened anyway) would try the codes; the test
 * picks the right one without spending attempts.
 */
public final class OtpCodes implements AutoCloseable {
  private final SecretKeySpec key;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  public OtpCodes(byte[] hmacKey, int redisPort, String redisPassword) {
    key = new SecretKeySpec(hmacKey, "HmacSHA256");
    client =
        RedisClient.create(
            RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(redisPort)
                .withPassword(redisPassword.toCharArray())
                .build());
    connection = client.connect();
    Cleanup.onEnd(this::close);
  }

  /** Whether {@code code} is the current code of {@code loginId}. */
  public synchronized boolean belongs(String loginId, String code) {
    String stored = connection.sync().hget("otp:code:" + loginId, "hmac");
    if (stored == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] hmac =
          mac.doFinal(
              (loginId.length() + ":" + loginId + ":" + code).getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(hmac, Base64.getDecoder().decode(stored));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
      client.shutdown();
    } catch (RuntimeException ignored) {
      // going away
    }
  }
}
