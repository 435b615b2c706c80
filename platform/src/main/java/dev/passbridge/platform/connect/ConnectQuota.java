package dev.passbridge.platform.connect;

import dev.passbridge.platform.core.connect.ConnectClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * One server-API budget per client per minute, shared by every service and instance that answers
 * the client (auth-service's and passkey-service's {@code /connect/v1} endpoints): a Redis counter
 * {@code pb:connect:quota:<clientId>:<minute>} (the minute since the epoch, UTC) incremented and
 * given its expiry in one script, so concurrent requests on several instances count exactly. A
 * fixed window (not a sliding one) is enough for a coarse abuse budget and costs one round trip.
 * Redis unreachable: the Spring Data exception propagates and the problem handler answers 503 (a
 * budget that cannot be counted is not granted).
 */
public class ConnectQuota {
  /** Shared by all services, so no service prefix (docs/CONVENTIONS.md). */
  public static final String KEY_PREFIX = "pb:connect:quota:";

  private static final RedisScript<Long> INCREMENT =
      RedisScript.of(
          "local n = redis.call('INCR', KEYS[1]) "
              + "if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end "
              + "return n",
          Long.class);

  private final StringRedisTemplate redis;
  private final Clock clock;

  public ConnectQuota(StringRedisTemplate redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  /** The outcome of counting one request. */
  public sealed interface Decision {
    record Allowed(long used) implements Decision {}

    record Exceeded(Duration retryAfter) implements Decision {}
  }

  public static String key(String clientId, long minute) {
    return KEY_PREFIX + clientId + ":" + minute;
  }

  /** Counts one request of the client against its budget for the current minute. */
  public Decision consume(ConnectClient client) {
    Instant now = clock.instant();
    long minute = Math.floorDiv(now.getEpochSecond(), 60);
    Long used = redis.execute(INCREMENT, List.of(key(client.clientId(), minute)), "120");
    if (used != null && used > client.requestsPerMinute()) {
      Instant nextMinute = Instant.ofEpochSecond((minute + 1) * 60);
      return new Decision.Exceeded(Duration.between(now, nextMinute));
    }
    return new Decision.Allowed(used == null ? 0 : used);
  }
}
