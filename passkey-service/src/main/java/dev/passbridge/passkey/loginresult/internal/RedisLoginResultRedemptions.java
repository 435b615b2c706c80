package dev.passbridge.passkey.loginresult.internal;

import dev.passbridge.passkey.loginresult.LoginResultRedemptions;
import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@link LoginResultRedemptions} as Redis keys {@code passkey:login-result:<jti>} (SET NX, TTL).
 */
public class RedisLoginResultRedemptions implements LoginResultRedemptions {
  static final String PREFIX = "passkey:login-result:";
  private final StringRedisTemplate redis;

  public RedisLoginResultRedemptions(StringRedisTemplate redis) {
    this.redis = redis;
  }

  @Override
  public boolean redeem(String resultId, Duration keep) {
    Duration ttl = keep.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : keep;
    return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(PREFIX + resultId, "1", ttl));
  }

  @Override
  public void release(String resultId) {
    redis.delete(PREFIX + resultId);
  }
}
