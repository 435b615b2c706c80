package dev.passbridge.platform.session;

import dev.passbridge.platform.core.session.RevocationCheckUnavailableException;
import dev.passbridge.platform.core.session.SessionRevocations;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis adapter of {@link SessionRevocations}: any Redis failure is "cannot tell". */
public class RedisSessionRevocations implements SessionRevocations {
  private final StringRedisTemplate redis;

  public RedisSessionRevocations(StringRedisTemplate redis) {
    this.redis = redis;
  }

  @Override
  public boolean isRevoked(String sessionId) {
    try {
      return Boolean.TRUE.equals(redis.hasKey(SessionRevocations.key(sessionId)));
    } catch (RuntimeException e) {
      throw new RevocationCheckUnavailableException("session revocations unreadable", e);
    }
  }
}
