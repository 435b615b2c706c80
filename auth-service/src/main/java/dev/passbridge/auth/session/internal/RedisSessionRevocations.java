package dev.passbridge.auth.session.internal;

import dev.passbridge.auth.session.SessionRevocations;
import java.time.Duration;
import java.time.Instant;
import org.springframework.data.redis.core.StringRedisTemplate;

public class RedisSessionRevocations implements SessionRevocations {
  /** The verifiers accept this much clock skew on {@code exp}; keep the mark a bit longer. */
  private static final Duration SKEW = Duration.ofSeconds(5);

  private final StringRedisTemplate redis;

  public RedisSessionRevocations(StringRedisTemplate redis) {
    this.redis = redis;
  }

  public static String key(String sessionId) {
    return dev.passbridge.platform.core.session.SessionRevocations.key(sessionId);
  }

  @Override
  public void revoke(String sessionId, Instant expiresAt, Instant now) {
    Duration remaining = Duration.between(now, expiresAt).plus(SKEW);
    if (remaining.isNegative() || remaining.isZero()) {
      return;
    }
    redis.opsForValue().set(key(sessionId), "1", remaining);
  }

  @Override
  public boolean isRevoked(String sessionId) {
    return Boolean.TRUE.equals(redis.hasKey(key(sessionId)));
  }
}
