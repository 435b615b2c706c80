package dev.passbridge.auth.login.internal;

import dev.passbridge.auth.login.LoginState;
import dev.passbridge.auth.login.LoginTransaction;
import dev.passbridge.auth.login.LoginTransactions;
import dev.passbridge.contracts.events.LoginMethod;
import dev.passbridge.contracts.ids.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Login transactions as Redis hashes {@code auth:login:<loginId>} with a TTL. Every transition is
 * one Lua script (atomic on the server), compares the stored {@code expiresAt} with the caller's
 * clock as well as relying on the TTL, and publishes the loginId on {@link #COMPLETED_CHANNEL} when
 * a login completes, which wakes the instances waiting in {@code POST /api/auth/session}.
 *
 * <p>A login whose announcement was not acknowledged is held for the browser's retry under {@code
 * auth:login-retry:<digest of the retry token>} (value: login id, event id and the login's binding
 * token sealed under the retry token).
 *
 * <p>Key layout note: the dedupe key ({@code auth:dedupe:<eventId>}, CONVENTIONS.md) and the login
 * key are touched by one script; on a Redis Cluster they would need a common hash tag.
 */
public class RedisLoginTransactions implements LoginTransactions {
  public static final String COMPLETED_CHANNEL = "auth:login-completed";
  static final Duration DEDUPE_TTL = Duration.ofHours(24);

  private static final String OPEN =
      """
      redis.call('HSET', KEYS[1], unpack(ARGV, 2))
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      return 1
      """;

  // ARGV: userId, amr, now, channel, loginId
  private static final String COMPLETE =
      """
      local exp = tonumber(redis.call('HGET', KEYS[1], 'expiresAt'))
      if exp == nil or exp <= tonumber(ARGV[3]) then return 'MISSING' end
      if redis.call('HGET', KEYS[1], 'userId') ~= ARGV[1] then return 'USER_MISMATCH' end
      local state = redis.call('HGET', KEYS[1], 'state')
      if state == 'PASSWORD_OK' then
        redis.call('HSET', KEYS[1], 'state', 'COMPLETED', 'amr', ARGV[2], 'completedAt', ARGV[3])
        redis.call('PUBLISH', ARGV[4], ARGV[5])
        return 'COMPLETED'
      end
      return 'DUPLICATE'
      """;

  // ARGV: userId, now, channel, loginId
  private static final String LOCK =
      """
      local exp = tonumber(redis.call('HGET', KEYS[1], 'expiresAt'))
      if exp == nil or exp <= tonumber(ARGV[2]) then return 0 end
      if redis.call('HGET', KEYS[1], 'userId') ~= ARGV[1] then return 0 end
      if redis.call('HGET', KEYS[1], 'state') ~= 'PASSWORD_OK' then return 0 end
      redis.call('HSET', KEYS[1], 'state', 'LOCKED')
      redis.call('PUBLISH', ARGV[3], ARGV[4])
      return 1
      """;

  // KEYS: login, dedupe; ARGV: ttl, dedupeTtl, channel, loginId, field/value pairs...
  private static final String OPEN_COMPLETED =
      """
      if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[2]) then return 'DUPLICATE' end
      if redis.call('EXISTS', KEYS[1]) == 1 then return 'DUPLICATE' end
      redis.call('HSET', KEYS[1], unpack(ARGV, 5))
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      redis.call('PUBLISH', ARGV[3], ARGV[4])
      return 'COMPLETED'
      """;

  // ARGV: now, binding digest presented ('' for none)
  private static final String CLAIM =
      """
      local exp = tonumber(redis.call('HGET', KEYS[1], 'expiresAt'))
      if exp == nil then return {'MISSING'} end
      local bound = redis.call('HGET', KEYS[1], 'binding')
      if bound and bound ~= ARGV[2] then return {'NOT_YOURS'} end
      if exp <= tonumber(ARGV[1]) then return {'EXPIRED'} end
      local state = redis.call('HGET', KEYS[1], 'state')
      if state == 'COMPLETED' then
        redis.call('HSET', KEYS[1], 'state', 'SESSION_ISSUED')
        local all = redis.call('HGETALL', KEYS[1])
        table.insert(all, 1, 'CLAIMED')
        return all
      end
      if state == 'PASSWORD_OK' then return {'PENDING'} end
      if state == 'LOCKED' then return {'LOCKED'} end
      return {'USED'}
      """;

  private static final String RELEASE =
      """
      if redis.call('HGET', KEYS[1], 'state') == 'SESSION_ISSUED' then
        redis.call('HSET', KEYS[1], 'state', 'COMPLETED')
        return 1
      end
      return 0
      """;

  private static final RedisScript<Long> OPEN_SCRIPT = RedisScript.of(OPEN, Long.class);
  private static final RedisScript<String> COMPLETE_SCRIPT = RedisScript.of(COMPLETE, String.class);
  private static final RedisScript<Long> LOCK_SCRIPT = RedisScript.of(LOCK, Long.class);
  private static final RedisScript<String> OPEN_COMPLETED_SCRIPT =
      RedisScript.of(OPEN_COMPLETED, String.class);

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> CLAIM_SCRIPT = RedisScript.of(CLAIM, List.class);

  private static final RedisScript<Long> RELEASE_SCRIPT = RedisScript.of(RELEASE, Long.class);

  private final StringRedisTemplate redis;

  public RedisLoginTransactions(StringRedisTemplate redis) {
    this.redis = redis;
  }

  static String key(String loginId) {
    return "auth:login:" + loginId;
  }

  static String dedupeKey(UUID eventId) {
    return "auth:dedupe:" + eventId;
  }

  @Override
  public void open(LoginTransaction t, String binding, Duration ttl) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(ttl.toMillis()));
    args.addAll(fields(t));
    if (binding != null) {
      args.add("binding");
      args.add(binding);
    }
    redis.execute(OPEN_SCRIPT, List.of(key(t.loginId())), args.toArray());
  }

  /**
   * The pointer is {@code <loginId> <eventId> <sealed binding>}: the binding token sealed under the
   * retry token ({@link dev.passbridge.auth.login.HeldBinding}), since the retry that resumes the
   * login is given it, and the pointer's name is only the retry token's digest.
   */
  @Override
  public void holdForRetry(
      String retryKey, String loginId, UUID eventId, String sealedBinding, Duration ttl) {
    if (ttl.toMillis() > 0) {
      redis.opsForValue().set(retryKey, loginId + " " + eventId + " " + sealedBinding, ttl);
    }
  }

  /**
   * Two reads, not a script: the login's key is named by the pointer's value, and a script must
   * declare its keys. Only a browser's retry after a refused announcement pays them.
   */
  @Override
  public Optional<Held> held(String retryKey, UUID userId, Instant now) {
    String pointer = redis.opsForValue().get(retryKey);
    // a pointer written before it held the binding token has two parts: not resumable (a new
    // login), since nothing else may bind the resumed login to the retrying browser
    String[] parts = pointer == null ? new String[0] : pointer.split(" ");
    if (parts.length != 3 || !Tokens.isToken(parts[2])) {
      return Optional.empty();
    }
    String loginId = parts[0];
    UUID eventId;
    try {
      eventId = UUID.fromString(parts[1]);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Map<Object, Object> fields = redis.opsForHash().entries(key(loginId));
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> f = new HashMap<>();
    fields.forEach((k, v) -> f.put(String.valueOf(k), String.valueOf(v)));
    LoginTransaction t = parse(loginId, f);
    if (!t.userId().equals(userId)
        || t.state() != LoginState.PASSWORD_OK
        || !t.expiresAt().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(new Held(t, eventId, parts[2]));
  }

  /** {@code DEL}: Redis answers 1 to exactly one of concurrent callers. */
  @Override
  public boolean takeHold(String retryKey) {
    return Boolean.TRUE.equals(redis.delete(retryKey));
  }

  @Override
  public Completion complete(String loginId, UUID userId, List<String> amr, Instant now) {
    String r =
        redis.execute(
            COMPLETE_SCRIPT,
            List.of(key(loginId)),
            userId.toString(),
            String.join(",", amr),
            Long.toString(now.toEpochMilli()),
            COMPLETED_CHANNEL,
            loginId);
    return Completion.valueOf(r);
  }

  @Override
  public Completion openCompleted(LoginTransaction t, String binding, Duration ttl, UUID eventId) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(Math.max(1, ttl.toMillis())));
    args.add(Long.toString(DEDUPE_TTL.toMillis()));
    args.add(COMPLETED_CHANNEL);
    args.add(t.loginId());
    args.addAll(fields(t));
    if (binding != null) {
      args.add("binding");
      args.add(binding);
    }
    String r =
        redis.execute(
            OPEN_COMPLETED_SCRIPT, List.of(key(t.loginId()), dedupeKey(eventId)), args.toArray());
    return Completion.valueOf(r);
  }

  @Override
  public boolean lock(String loginId, UUID userId, Instant now) {
    Long r =
        redis.execute(
            LOCK_SCRIPT,
            List.of(key(loginId)),
            userId.toString(),
            Long.toString(now.toEpochMilli()),
            COMPLETED_CHANNEL,
            loginId);
    return r != null && r == 1L;
  }

  @Override
  public Claim claim(String loginId, String binding, Instant now) {
    List<?> r =
        redis.execute(
            CLAIM_SCRIPT,
            List.of(key(loginId)),
            Long.toString(now.toEpochMilli()),
            binding == null ? "" : binding);
    String status = String.valueOf(r.getFirst());
    return switch (status) {
      case "CLAIMED" -> new Claim.Claimed(parse(loginId, r.subList(1, r.size())));
      case "PENDING" -> new Claim.Pending();
      case "USED" -> new Claim.AlreadyUsed();
      case "LOCKED" -> new Claim.Locked();
      case "EXPIRED" -> new Claim.Expired();
      case "NOT_YOURS" -> new Claim.NotYours();
      default -> new Claim.Missing();
    };
  }

  @Override
  public void release(String loginId) {
    redis.execute(RELEASE_SCRIPT, List.of(key(loginId)));
  }

  private static List<String> fields(LoginTransaction t) {
    return List.of(
        "userId", t.userId().toString(),
        "state", t.state().name(),
        "method", t.method().name(),
        "amr", String.join(",", t.amr()),
        "username", t.username(),
        "displayName", t.displayName(),
        "roles", String.join(",", t.roles()),
        "createdAt", Long.toString(t.createdAt().toEpochMilli()),
        "expiresAt", Long.toString(t.expiresAt().toEpochMilli()));
  }

  private static LoginTransaction parse(String loginId, List<?> flat) {
    Map<String, String> f = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      f.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return parse(loginId, f);
  }

  private static LoginTransaction parse(String loginId, Map<String, String> f) {
    return new LoginTransaction(
        loginId,
        UUID.fromString(f.get("userId")),
        LoginState.valueOf(f.get("state")),
        LoginMethod.valueOf(f.get("method")),
        split(f.get("amr")),
        f.get("username"),
        f.get("displayName"),
        split(f.get("roles")),
        Instant.ofEpochMilli(Long.parseLong(f.get("createdAt"))),
        Instant.ofEpochMilli(Long.parseLong(f.get("expiresAt"))));
  }

  private static List<String> split(String csv) {
    return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
  }
}
