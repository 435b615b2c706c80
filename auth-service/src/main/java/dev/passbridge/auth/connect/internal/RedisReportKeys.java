package dev.passbridge.auth.connect.internal;

import dev.passbridge.auth.connect.ReportKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@link ReportKeys} in Redis: {@code auth:connect-report:<clientId>:<key digest>} holds {@code
 * "fingerprint loginId eventId occurredAt"}, set with {@code NX} and a TTL in one command.
 */
public class RedisReportKeys implements ReportKeys {
  private final StringRedisTemplate redis;

  public RedisReportKeys(StringRedisTemplate redis) {
    this.redis = redis;
  }

  static String key(String clientId, String keyDigest) {
    return "auth:connect-report:" + clientId + ":" + keyDigest;
  }

  @Override
  public KeyedReport claim(
      String clientId, String keyDigest, KeyedReport first, Duration lifetime) {
    String key = key(clientId, keyDigest);
    String value =
        String.join(
            " ",
            first.fingerprint(),
            first.loginId(),
            first.eventId().toString(),
            first.occurredAt().toString());
    // a key that expires between the two commands is simply taken on the next round
    for (int round = 0; round < 3; round++) {
      if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, value, lifetime))) {
        return first;
      }
      String kept = redis.opsForValue().get(key);
      if (kept != null) {
        String[] parts = kept.split(" ");
        return new KeyedReport(
            parts[0], parts[1], UUID.fromString(parts[2]), Instant.parse(parts[3]));
      }
    }
    throw new IllegalStateException("idempotency key neither taken nor readable: " + key);
  }
}
