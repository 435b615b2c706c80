package dev.passbridge.auth.session.internal;

import dev.passbridge.auth.session.UserSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link UserSessions} in Redis: a sorted set {@code auth:user-sessions:<userId>} of session ids
 * scored by their expiry (epoch milliseconds). Every record first drops the expired ones, so the
 * set holds only live sessions however often the user signs in, and the key lives as long as the
 * newest session. An erased user's set also holds the mark {@value #ERASED}, scored by the end of
 * the guard. Each operation is one script (one round trip), so recording and closing never
 * interleave.
 */
public class RedisUserSessions implements UserSessions {
  /** Not a session id: those are login ids (base64url, no '!'). */
  static final String ERASED = "!erased";

  // KEYS[1] the set; ARGV: the mark, the session id, its expiry, now (epoch ms)
  private static final RedisScript<Long> RECORD =
      RedisScript.of(
          """
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
          if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
          redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
          local keep = tonumber(ARGV[3]) - tonumber(ARGV[4])
          if keep > 0 and redis.call('PTTL', KEYS[1]) < keep then
            redis.call('PEXPIRE', KEYS[1], keep)
          end
          return 1
          """,
          Long.class);

  // KEYS[1] the set; ARGV: the mark, now, the guard (ms); returns member, score, member, score...
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final RedisScript<List<String>> CLOSE =
      (RedisScript)
          RedisScript.of(
              """
              redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2])
              local guarded = tonumber(ARGV[2]) + tonumber(ARGV[3])
              local mark = redis.call('ZSCORE', KEYS[1], ARGV[1])
              if (not mark) or tonumber(mark) < guarded then
                redis.call('ZADD', KEYS[1], guarded, ARGV[1])
              end
              if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then
                redis.call('PEXPIRE', KEYS[1], ARGV[3])
              end
              return redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
              """,
              List.class);

  private final StringRedisTemplate redis;

  public RedisUserSessions(StringRedisTemplate redis) {
    this.redis = redis;
  }

  static String key(UUID userId) {
    return "auth:user-sessions:" + userId;
  }

  @Override
  public boolean record(UUID userId, String sessionId, Instant expiresAt, Instant now) {
    Long recorded =
        redis.execute(
            RECORD,
            List.of(key(userId)),
            ERASED,
            sessionId,
            String.valueOf(expiresAt.toEpochMilli()),
            String.valueOf(now.toEpochMilli()));
    return recorded != null && recorded == 1L;
  }

  @Override
  public List<Open> close(UUID userId, Instant now, Duration guard) {
    List<String> members =
        redis.execute(
            CLOSE,
            List.of(key(userId)),
            ERASED,
            String.valueOf(now.toEpochMilli()),
            String.valueOf(guard.toMillis()));
    List<Open> open = new ArrayList<>();
    if (members != null) {
      for (int i = 0; i + 1 < members.size(); i += 2) {
        if (!ERASED.equals(members.get(i))) {
          long expires = (long) Double.parseDouble(members.get(i + 1));
          open.add(new Open(members.get(i), Instant.ofEpochMilli(expires)));
        }
      }
    }
    return open;
  }
}
