package dev.passbridge.auth.ratelimit.internal;

import dev.passbridge.auth.ratelimit.RateCounters;
import dev.passbridge.auth.ratelimit.RateLimit;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/** {@link RateCounters} on Redis: INCR with a PEXPIRE set by the window's first event. */
public class RedisRateCounters implements RateCounters {
  // returns {count, pttl} of KEYS[1] after the increment, then {count, pttl} of KEYS[2] if given
  private static final String HIT_AND_PEEK =
      """
      local count = redis.call('INCR', KEYS[1])
      local ttl = redis.call('PTTL', KEYS[1])
      if count == 1 or ttl < 0 then
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        ttl = tonumber(ARGV[1])
      end
      if #KEYS < 2 then
        return {count, ttl}
      end
      local other = tonumber(redis.call('GET', KEYS[2]) or '0')
      local otherTtl = redis.call('PTTL', KEYS[2])
      return {count, ttl, other, otherTtl}
      """;

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> SCRIPT = RedisScript.of(HIT_AND_PEEK, List.class);

  private final StringRedisTemplate redis;

  public RedisRateCounters(StringRedisTemplate redis) {
    this.redis = redis;
  }

  @Override
  public RateLimit.Counter hit(String key, Duration window) {
    List<?> r = redis.execute(SCRIPT, List.of(key), Long.toString(window.toMillis()));
    return counter(r, 0);
  }

  @Override
  public RateLimit.Counter[] hitAndPeek(String hitKey, Duration window, String peekKey) {
    List<?> r = redis.execute(SCRIPT, List.of(hitKey, peekKey), Long.toString(window.toMillis()));
    return new RateLimit.Counter[] {counter(r, 0), counter(r, 2)};
  }

  @Override
  public void reset(String key) {
    redis.delete(key);
  }

  private static RateLimit.Counter counter(List<?> r, int offset) {
    long count = ((Number) r.get(offset)).longValue();
    long ttl = ((Number) r.get(offset + 1)).longValue();
    return new RateLimit.Counter(count, ttl > 0 ? Duration.ofMillis(ttl) : Duration.ZERO);
  }
}
