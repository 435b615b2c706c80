package dev.passbridge.auth.connect.internal;

import dev.passbridge.auth.connect.ErasedUsers;
import dev.passbridge.contracts.ids.Tokens;
import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@link ErasedUsers} in Redis: {@code auth:connect-erased:<tenant>:<digest>}, the digest of the
 * external id (no platform id in the clear in a key), with the mark's lifetime as its TTL.
 */
public class RedisErasedUsers implements ErasedUsers {
  private final StringRedisTemplate redis;

  public RedisErasedUsers(StringRedisTemplate redis) {
    this.redis = redis;
  }

  static String key(String tenant, String externalUserId) {
    return "auth:connect-erased:" + tenant + ":" + Tokens.digest(externalUserId);
  }

  @Override
  public void mark(String tenant, String externalUserId, Duration lifetime) {
    redis.opsForValue().set(key(tenant, externalUserId), "1", lifetime);
  }

  @Override
  public boolean marked(String tenant, String externalUserId) {
    return Boolean.TRUE.equals(redis.hasKey(key(tenant, externalUserId)));
  }
}
