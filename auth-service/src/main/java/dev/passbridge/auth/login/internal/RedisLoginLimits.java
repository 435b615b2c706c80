package dev.passbridge.auth.login.internal;

import dev.passbridge.auth.login.LoginLimitPolicy;
import dev.passbridge.auth.login.LoginLimitStore;
import dev.passbridge.auth.ratelimit.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link LoginLimitStore} on Redis, one Lua script per operation. A pair is a hash {@code {f:
 * failures, last: epoch millis of the last failure}} that expires {@code pair-memory} after its
 * last failure; the username counter is a fixed window (INCR, PEXPIRE on the first failure); a
 * device key holds the username digest it is known for.
 */
class RedisLoginLimits implements LoginLimitStore {
  // KEYS: addressPair, usernameCounter, knownAddress[, devicePair, deviceKey]; ARGV[1]: digest
  private static final String READ =
      """
      local function pair(key)
        local v = redis.call('HMGET', key, 'f', 'last')
        return {tonumber(v[1] or '0'), tonumber(v[2] or '0')}
      end
      local a = pair(KEYS[1])
      local users = tonumber(redis.call('GET', KEYS[2]) or '0')
      local usersTtl = redis.call('PTTL', KEYS[2])
      local address = redis.call('EXISTS', KEYS[3])
      local d = {0, 0}
      local device = 0
      if #KEYS >= 5 then
        d = pair(KEYS[4])
        if redis.call('GET', KEYS[5]) == ARGV[1] then device = 1 end
      end
      return {a[1], a[2], d[1], d[2], users, usersTtl, device, address}
      """;

  // KEYS: pair[, usernameCounter]; ARGV: now millis, pair memory millis, username window millis
  private static final String FAILED =
      """
      redis.call('HINCRBY', KEYS[1], 'f', 1)
      local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
      if tonumber(ARGV[1]) > last then redis.call('HSET', KEYS[1], 'last', ARGV[1]) end
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      if #KEYS >= 2 then
        local c = redis.call('INCR', KEYS[2])
        if c == 1 or redis.call('PTTL', KEYS[2]) < 0 then
          redis.call('PEXPIRE', KEYS[2], ARGV[3])
        end
      end
      return 1
      """;

  // KEYS: pair, newDevice, knownAddress[, oldDevice];
  // ARGV: digest, device ttl millis, known address ttl millis (0 = off)
  private static final String SUCCEEDED =
      """
      redis.call('DEL', KEYS[1])
      if #KEYS >= 4 then redis.call('DEL', KEYS[4]) end
      redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
      if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[3], '1', 'PX', ARGV[3]) end
      return 1
      """;

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> READ_SCRIPT = RedisScript.of(READ, List.class);

  private static final RedisScript<Long> FAILED_SCRIPT = RedisScript.of(FAILED, Long.class);
  private static final RedisScript<Long> SUCCEEDED_SCRIPT = RedisScript.of(SUCCEEDED, Long.class);

  private final StringRedisTemplate redis;

  RedisLoginLimits(StringRedisTemplate redis) {
    this.redis = redis;
  }

  @Override
  public Snapshot read(
      String addressPairKey,
      String devicePairKey,
      String usernameKey,
      String deviceKey,
      String knownAddressKey,
      String usernameDigest) {
    List<String> keys = new ArrayList<>(List.of(addressPairKey, usernameKey, knownAddressKey));
    if (devicePairKey != null && deviceKey != null) {
      keys.add(devicePairKey);
      keys.add(deviceKey);
    }
    List<?> r = redis.execute(READ_SCRIPT, keys, usernameDigest);
    long usersTtl = number(r, 5);
    return new Snapshot(
        new LoginLimitPolicy.PairFailures(number(r, 0), Instant.ofEpochMilli(number(r, 1))),
        new LoginLimitPolicy.PairFailures(number(r, 2), Instant.ofEpochMilli(number(r, 3))),
        new RateLimit.Counter(
            number(r, 4), usersTtl > 0 ? Duration.ofMillis(usersTtl) : Duration.ZERO),
        number(r, 6) == 1,
        number(r, 7) == 1);
  }

  @Override
  public void failed(
      String pairKey,
      Instant at,
      Duration pairMemory,
      String usernameKey,
      Duration usernameWindow) {
    List<String> keys = usernameKey == null ? List.of(pairKey) : List.of(pairKey, usernameKey);
    redis.execute(
        FAILED_SCRIPT,
        keys,
        Long.toString(at.toEpochMilli()),
        Long.toString(pairMemory.toMillis()),
        Long.toString(usernameWindow.toMillis()));
  }

  @Override
  public void succeeded(
      String pairKey,
      String oldDeviceKey,
      String newDeviceKey,
      String usernameDigest,
      Duration deviceTtl,
      String knownAddressKey,
      Duration knownAddressTtl) {
    List<String> keys =
        oldDeviceKey == null
            ? List.of(pairKey, newDeviceKey, knownAddressKey)
            : List.of(pairKey, newDeviceKey, knownAddressKey, oldDeviceKey);
    redis.execute(
        SUCCEEDED_SCRIPT,
        keys,
        usernameDigest,
        Long.toString(deviceTtl.toMillis()),
        Long.toString(knownAddressTtl.toMillis()));
  }

  private static long number(List<?> r, int i) {
    return ((Number) r.get(i)).longValue();
  }
}
