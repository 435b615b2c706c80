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
 * device key holds the username digest it is known for. Each pair and username key has an in-flight
 * counter beside it ({@code <key>:in-flight}), expiring {@code inFlightTtl} after its last
 * reservation and never decremented below zero. A username's index is a sorted set of key names
 * scored by their expiry in epoch millis; it expires with its longest-lived entry.
 */
class RedisLoginLimits implements LoginLimitStore {
  static String inFlight(String key) {
    return key + ":in-flight";
  }

  // KEYS: addressPair, addressPair:in-flight, username, username:in-flight, knownAddress
  //       [, devicePair, devicePair:in-flight, deviceKey]
  // ARGV: digest, in-flight ttl millis
  private static final String RESERVE =
      """
      local function pair(key)
        local v = redis.call('HMGET', key, 'f', 'last')
        return {tonumber(v[1] or '0'), tonumber(v[2] or '0')}
      end
      local function reserve(key)
        local before = tonumber(redis.call('GET', key) or '0')
        redis.call('INCR', key)
        redis.call('PEXPIRE', key, ARGV[2])
        return before
      end
      local a = pair(KEYS[1])
      local users = tonumber(redis.call('GET', KEYS[3]) or '0')
      local usersTtl = redis.call('PTTL', KEYS[3])
      local address = redis.call('EXISTS', KEYS[5])
      local d = {0, 0}
      local device = 0
      if #KEYS >= 8 then
        d = pair(KEYS[6])
        if redis.call('GET', KEYS[8]) == ARGV[1] then device = 1 end
      end
      local pairInFlight
      if device == 1 then pairInFlight = reserve(KEYS[7]) else pairInFlight = reserve(KEYS[2]) end
      local usersInFlight = 0
      if device == 0 and address == 0 then usersInFlight = reserve(KEYS[4]) end
      return {a[1], a[2], d[1], d[2], users, usersTtl, device, address, pairInFlight, usersInFlight}
      """;

  /** Lua: one reservation fewer on {@code key}, never below zero. */
  private static final String LAND =
      """
      local function land(key)
        if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
      end
      """;

  /**
   * Lua: lists {@code key} in the username's index until {@code now + ttl} (millis, as strings),
   * drops the entries that expired, and keeps the index as long as its longest-lived entry.
   */
  private static final String INDEX =
      """
      local function index(idx, key, now, ttl)
        redis.call('ZREMRANGEBYSCORE', idx, '-inf', now)
        redis.call('ZADD', idx, tostring(tonumber(now) + tonumber(ttl)), key)
        if redis.call('PTTL', idx) < tonumber(ttl) then redis.call('PEXPIRE', idx, ttl) end
      end
      """;

  // KEYS: pair, pair:in-flight, username, username:in-flight, index
  // ARGV: now millis, pair memory millis, username window millis, count for username (0/1),
  //       reserved on username (0/1)
  private static final String FAILED =
      LAND
          + INDEX
          + """
          land(KEYS[2])
          if ARGV[5] == '1' then land(KEYS[4]) end
          redis.call('HINCRBY', KEYS[1], 'f', 1)
          local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
          if tonumber(ARGV[1]) > last then redis.call('HSET', KEYS[1], 'last', ARGV[1]) end
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          index(KEYS[5], KEYS[1], ARGV[1], ARGV[2])
          if ARGV[4] == '1' then
            local c = redis.call('INCR', KEYS[3])
            if c == 1 or redis.call('PTTL', KEYS[3]) < 0 then
              redis.call('PEXPIRE', KEYS[3], ARGV[3])
            end
          end
          return 1
          """;

  // KEYS: pair:in-flight, username:in-flight; ARGV: reserved on username (0/1)
  private static final String RELEASE =
      LAND
          + """
          land(KEYS[1])
          if ARGV[1] == '1' then land(KEYS[2]) end
          return 1
          """;

  // KEYS: pair, pair:in-flight, username:in-flight, newDevice, knownAddress, index[, oldDevice];
  // ARGV: digest, device ttl millis, known address ttl millis (0 = off), reserved on username,
  //       now millis
  private static final String SUCCEEDED =
      LAND
          + INDEX
          + """
          land(KEYS[2])
          if ARGV[4] == '1' then land(KEYS[3]) end
          redis.call('DEL', KEYS[1])
          redis.call('ZREM', KEYS[6], KEYS[1])
          if #KEYS >= 7 then
            redis.call('DEL', KEYS[7])
            redis.call('ZREM', KEYS[6], KEYS[7])
          end
          redis.call('SET', KEYS[4], ARGV[1], 'PX', ARGV[2])
          index(KEYS[6], KEYS[4], ARGV[5], ARGV[2])
          if tonumber(ARGV[3]) > 0 then
            redis.call('SET', KEYS[5], '1', 'PX', ARGV[3])
            index(KEYS[6], KEYS[5], ARGV[5], ARGV[3])
          end
          return 1
          """;

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> RESERVE_SCRIPT = RedisScript.of(RESERVE, List.class);

  private static final RedisScript<Long> FAILED_SCRIPT = RedisScript.of(FAILED, Long.class);
  private static final RedisScript<Long> RELEASE_SCRIPT = RedisScript.of(RELEASE, Long.class);
  private static final RedisScript<Long> SUCCEEDED_SCRIPT = RedisScript.of(SUCCEEDED, Long.class);

  private final StringRedisTemplate redis;

  RedisLoginLimits(StringRedisTemplate redis) {
    this.redis = redis;
  }

  @Override
  public Snapshot reserve(Keys k, Duration inFlightTtl) {
    List<String> keys =
        new ArrayList<>(
            List.of(
                k.addressPair(),
                inFlight(k.addressPair()),
                k.username(),
                inFlight(k.username()),
                k.knownAddress()));
    if (k.devicePair() != null && k.device() != null) {
      keys.add(k.devicePair());
      keys.add(inFlight(k.devicePair()));
      keys.add(k.device());
    }
    List<?> r =
        redis.execute(
            RESERVE_SCRIPT, keys, k.usernameDigest(), Long.toString(inFlightTtl.toMillis()));
    long usersTtl = number(r, 5);
    return new Snapshot(
        new LoginLimitPolicy.PairFailures(number(r, 0), Instant.ofEpochMilli(number(r, 1))),
        new LoginLimitPolicy.PairFailures(number(r, 2), Instant.ofEpochMilli(number(r, 3))),
        new RateLimit.Counter(
            number(r, 4), usersTtl > 0 ? Duration.ofMillis(usersTtl) : Duration.ZERO),
        number(r, 6) == 1,
        number(r, 7) == 1,
        number(r, 8),
        number(r, 9));
  }

  @Override
  public void failed(
      String pairKey,
      String usernameKey,
      boolean countForUsername,
      boolean reservedOnUsername,
      String indexKey,
      Instant at,
      Duration pairMemory,
      Duration usernameWindow) {
    redis.execute(
        FAILED_SCRIPT,
        List.of(pairKey, inFlight(pairKey), usernameKey, inFlight(usernameKey), indexKey),
        Long.toString(at.toEpochMilli()),
        Long.toString(pairMemory.toMillis()),
        Long.toString(usernameWindow.toMillis()),
        flag(countForUsername),
        flag(reservedOnUsername));
  }

  @Override
  public void release(String pairKey, String usernameKey, boolean reservedOnUsername) {
    redis.execute(
        RELEASE_SCRIPT,
        List.of(inFlight(pairKey), inFlight(usernameKey)),
        flag(reservedOnUsername));
  }

  @Override
  public void succeeded(
      String pairKey,
      String usernameKey,
      boolean reservedOnUsername,
      String oldDeviceKey,
      String newDeviceKey,
      String usernameDigest,
      Duration deviceTtl,
      String knownAddressKey,
      Duration knownAddressTtl,
      String indexKey,
      Instant at) {
    List<String> keys =
        new ArrayList<>(
            List.of(
                pairKey,
                inFlight(pairKey),
                inFlight(usernameKey),
                newDeviceKey,
                knownAddressKey,
                indexKey));
    if (oldDeviceKey != null) {
      keys.add(oldDeviceKey);
    }
    redis.execute(
        SUCCEEDED_SCRIPT,
        keys,
        usernameDigest,
        Long.toString(deviceTtl.toMillis()),
        Long.toString(knownAddressTtl.toMillis()),
        flag(reservedOnUsername),
        Long.toString(at.toEpochMilli()));
  }

  /** How many index entries {@link #forget} removes per round trip. */
  static final int FORGET_PAGE = 500;

  // KEYS: index; ARGV: page size. The keys it lists are the index's members (one username's,
  // all in this one Redis: no cluster slots to declare).
  private static final String FORGET_PAGE_SCRIPT =
      """
      local page = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
      if #page == 0 then return 0 end
      local keys = {}
      for _, key in ipairs(page) do
        keys[#keys + 1] = key
        keys[#keys + 1] = key .. ':in-flight'
      end
      redis.call('UNLINK', unpack(keys))
      redis.call('ZREM', KEYS[1], unpack(page))
      return #page
      """;

  private static final RedisScript<Long> FORGET_SCRIPT =
      RedisScript.of(FORGET_PAGE_SCRIPT, Long.class);

  /**
   * Removes the index's entries a page at a time, each page in one script: its keys are unlinked
   * (each with the in-flight counter a pair has beside it) and taken off the index together, so a
   * failure leaves every entry not yet unlinked in the index for the next forget, and a login
   * writing meanwhile cannot shift an entry past a page. Then the username's counter and its
   * in-flight counter. Two round trips for an ordinary account, and no single command that holds
   * Redis for long when someone tried the name from many thousands of addresses (UNLINK frees the
   * memory off Redis's main thread). An entry a login adds after the last page stays in the index
   * (the erasure's second forget, a minute later, takes it); the emptied index is gone with its
   * last member.
   */
  @Override
  public void forget(String indexKey, String usernameKey) {
    while (true) {
      Long removed = redis.execute(FORGET_SCRIPT, List.of(indexKey), Integer.toString(FORGET_PAGE));
      if (removed == null || removed < FORGET_PAGE) {
        break;
      }
    }
    redis.unlink(List.of(usernameKey, inFlight(usernameKey)));
  }

  private static String flag(boolean value) {
    return value ? "1" : "0";
  }

  private static long number(List<?> r, int i) {
    return ((Number) r.get(i)).longValue();
  }
}
