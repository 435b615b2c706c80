package dev.passbridge.auth.session.internal;

import dev.passbridge.auth.session.UserSessions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link UserSessions} in Redis: a set {@code auth:user-sessions:<userId>} of session ids, kept as
 * long as the newest session lives. An erased user's set holds only the marker {@value #ERASED}
 * until the guard ends. Each operation is one script, so recording and closing never interleave.
 */
public class RedisUserSessions implements UserSessions {
  /** Not a session id: those are login ids (base64url, no '!'). */
  static final String ERASED = "!erased";

  private static final RedisScript<Long> RECORD =
      RedisScript.of(
          """
          if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end
          redis.call('SADD', KEYS[1], ARGV[2])
          if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
          end
          return 1
          """,
          Long.class);

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final RedisScript<List<String>> CLOSE =
      (RedisScript)
          RedisScript.of(
              """
              local ids = redis.call('SMEMBERS', KEYS[1])
              redis.call('DEL', KEYS[1])
              redis.call('SADD', KEYS[1], ARGV[1])
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return ids
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
  public boolean record(UUID userId, String sessionId, Duration keep) {
    Long recorded =
        redis.execute(
            RECORD, List.of(key(userId)), ERASED, sessionId, String.valueOf(keep.toMillis()));
    return recorded != null && recorded == 1L;
  }

  @Override
  public List<String> close(UUID userId, Duration guard) {
    List<String> ids =
        redis.execute(CLOSE, List.of(key(userId)), ERASED, String.valueOf(guard.toMillis()));
    List<String> sessions = new ArrayList<>();
    if (ids != null) {
      for (String id : ids) {
        if (!ERASED.equals(id)) {
          sessions.add(id);
        }
      }
    }
    return sessions;
  }
}
