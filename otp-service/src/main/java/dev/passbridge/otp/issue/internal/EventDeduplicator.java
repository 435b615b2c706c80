package dev.passbridge.otp.issue.internal;

import dev.passbridge.otp.issue.EventClaims;
import java.time.Duration;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Remembers consumed event ids ({@code otp:dedupe:<eventId>}, {@code SET NX} with a TTL), so a
 * redelivered or replayed event has no second effect, on whichever instance it lands. The value
 * says how far the event got: {@code pending} from the claim until the login's code is stored (or
 * the event was found to need none), then {@code done}. A claim still {@code pending} on a
 * redelivery means the earlier delivery stopped in between (e.g. the instance was killed), so the
 * redelivery carries on instead of being skipped. {@code 1}, the value before these states, reads
 * as {@code done}.
 */
public class EventDeduplicator implements EventClaims {
  public static final String PREFIX = "otp:dedupe:";
  static final String PENDING = "pending";
  static final String DONE = "done";

  private final StringRedisTemplate redis;
  private final Duration ttl;

  public EventDeduplicator(StringRedisTemplate redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  @Override
  public Claim claim(UUID eventId) {
    String key = PREFIX + eventId;
    for (int round = 0; round < 2; round++) {
      if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, PENDING, ttl))) {
        return Claim.FIRST;
      }
      String state = redis.opsForValue().get(key);
      if (state != null) {
        return PENDING.equals(state) ? Claim.UNFINISHED : Claim.DONE;
      }
      // withdrawn or expired between the two commands: claim again
    }
    return Claim.UNFINISHED;
  }

  @Override
  public void done(UUID eventId) {
    redis.opsForValue().setIfPresent(PREFIX + eventId, DONE, ttl);
  }

  @Override
  public void forget(UUID eventId) {
    redis.delete(PREFIX + eventId);
  }
}
