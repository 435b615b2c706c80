package dev.passbridge.otp.code.internal;

import dev.passbridge.otp.code.ChallengeStore;
import dev.passbridge.otp.code.OtpChallenge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * One Redis hash per login, {@code otp:code:<loginId>}, expiring with the code. A field {@code gen}
 * counts writes; every write runs in a Lua script that first checks {@code gen} against the version
 * that was read (compare-and-set), so the read-decide-write cycle of the policy is atomic without
 * holding a lock or a dedicated connection (WATCH/MULTI would need one per request).
 */
public class RedisChallengeStore implements ChallengeStore {
  public static final String PREFIX = "otp:code:";

  /**
   * KEYS[1] the hash; ARGV[1] the expected gen ("-" = must not exist); ARGV[2] TTL in ms (0 =
   * delete); ARGV[3..] field/value pairs of the new state. Returns 1 when written, 0 on conflict.
   */
  private static final RedisScript<Long> COMPARE_AND_SET =
      new DefaultRedisScript<>(
          """
          local current = redis.call('HGET', KEYS[1], 'gen')
          if ARGV[1] == '-' then
            if current then return 0 end
          elseif current ~= ARGV[1] then
            return 0
          end
          redis.call('DEL', KEYS[1])
          local ttl = tonumber(ARGV[2])
          if ttl <= 0 then return 1 end
          redis.call('HSET', KEYS[1], unpack(ARGV, 3))
          redis.call('PEXPIRE', KEYS[1], ttl)
          return 1
          """,
          Long.class);

  /** Hash entries stay at least this long, so a write at the very end of a code's life sticks. */
  private static final Duration MIN_TTL = Duration.ofSeconds(1);

  private final StringRedisTemplate redis;
  private final Clock clock;

  public RedisChallengeStore(StringRedisTemplate redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  static String key(String loginId) {
    return PREFIX + loginId;
  }

  @Override
  public Optional<Versioned> find(String loginId) {
    Map<Object, Object> hash = redis.opsForHash().entries(key(loginId));
    if (hash.isEmpty() || !hash.containsKey("gen")) {
      return Optional.empty();
    }
    return Optional.of(new Versioned(decode(loginId, hash), Long.parseLong(str(hash, "gen"))));
  }

  @Override
  public boolean insert(OtpChallenge challenge) {
    return write(challenge.loginId(), "-", ttl(challenge), encode(challenge, 1));
  }

  @Override
  public Optional<Versioned> replace(Versioned current, OtpChallenge next) {
    if (!current.challenge().loginId().equals(next.loginId())) {
      throw new IllegalArgumentException("a challenge cannot change its login");
    }
    long version = current.version() + 1;
    boolean written =
        write(next.loginId(), Long.toString(current.version()), ttl(next), encode(next, version));
    return written ? Optional.of(new Versioned(next, version)) : Optional.empty();
  }

  @Override
  public boolean remove(Versioned current) {
    return write(current.challenge().loginId(), Long.toString(current.version()), 0, List.of());
  }

  private boolean write(String loginId, String expected, long ttlMillis, List<String> fields) {
    List<String> args = new ArrayList<>(fields.size() + 2);
    args.add(expected);
    args.add(Long.toString(ttlMillis));
    args.addAll(fields);
    Long result = redis.execute(COMPARE_AND_SET, List.of(key(loginId)), args.toArray());
    return result != null && result == 1L;
  }

  private long ttl(OtpChallenge challenge) {
    Duration left = Duration.between(clock.instant(), challenge.expiresAt());
    return (left.compareTo(MIN_TTL) < 0 ? MIN_TTL : left).toMillis();
  }

  private static List<String> encode(OtpChallenge c, long version) {
    List<String> f = new ArrayList<>(26);
    add(f, "gen", Long.toString(version));
    add(f, "user", c.userId().toString());
    add(f, "channel", c.channel());
    add(f, "dest", c.destination());
    add(f, "hmac", Base64.getEncoder().encodeToString(c.codeHmac()));
    add(f, "sent", Long.toString(c.sentAt().toEpochMilli()));
    add(f, "exp", Long.toString(c.expiresAt().toEpochMilli()));
    add(f, "att", Integer.toString(c.attempts()));
    add(f, "rs", Integer.toString(c.resends()));
    add(f, "lock", c.locked() ? "1" : "0");
    add(f, "lockAnn", c.lockAnnounced() ? "1" : "0");
    if (c.lockEventId() != null) {
      add(f, "lockEvt", c.lockEventId().toString());
    }
    if (c.verifiedEventId() != null) {
      add(f, "verEvt", c.verifiedEventId().toString());
    }
    return f;
  }

  private static void add(List<String> fields, String name, String value) {
    fields.add(name);
    fields.add(value);
  }

  private static OtpChallenge decode(String loginId, Map<Object, Object> h) {
    return new OtpChallenge(
        loginId,
        UUID.fromString(str(h, "user")),
        str(h, "channel"),
        str(h, "dest"),
        Base64.getDecoder().decode(str(h, "hmac")),
        Instant.ofEpochMilli(Long.parseLong(str(h, "sent"))),
        Instant.ofEpochMilli(Long.parseLong(str(h, "exp"))),
        Integer.parseInt(str(h, "att")),
        Integer.parseInt(str(h, "rs")),
        "1".equals(str(h, "lock")),
        uuid(h, "lockEvt"),
        "1".equals(str(h, "lockAnn")),
        uuid(h, "verEvt"));
  }

  private static String str(Map<Object, Object> hash, String field) {
    Object value = hash.get(field);
    if (value == null) {
      throw new IllegalStateException("OTP state is missing field " + field);
    }
    return value.toString();
  }

  private static UUID uuid(Map<Object, Object> hash, String field) {
    Object value = hash.get(field);
    return value == null ? null : UUID.fromString(value.toString());
  }
}
