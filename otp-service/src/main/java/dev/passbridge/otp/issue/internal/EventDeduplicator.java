package dev.passbridge.otp.issue.internal;

import java.time.Duration;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Remembers consumed event ids ({@code otp:dedupe:<eventId>}, {@code SET NX} with a TTL), so a
 * redelivered or replayed event has no second effect, on whichever instance it lands.
 */
public class EventDeduplicator {
  public static final String PREFIX = "otp:dedupe:";

  private final StringRedisTemplate redis;
  private final Duration ttl;

  public EventDeduplicator(StringRedisTemplate redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  /** {@code true} exactly once per event id (within the TTL). */
  public boolean firstDelivery(UUID eventId) {
    return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(PREFIX + eventId, "1", ttl));
  }

  /** Processing failed: let the redelivery through. */
  public void forget(UUID eventId) {
    redis.delete(PREFIX + eventId);
  }
}
