package dev.passbridge.otp.policy.internal;

import dev.passbridge.otp.policy.AccountStrikes;
import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.OtpChallenge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * One Redis hash per login, {@code otp:code:<loginId>}, expiring with the code, and one per
 * account, {@code otp:account:<userId>}, holding its recent wrong codes and its lock. A field
 * {@code gen} counts writes; every write runs in a Lua script that first checks {@code gen} against
 * the version that was read (compare-and-set), so the read-decide-write cycle of the policy is
 * atomic without holding a lock or a dedicated connection (WATCH/MULTI would need one per request).
 */
public class RedisChallengeStore implements ChallengeStore {
  public static final String PREFIX = "otp:code:";
  public static final String ACCOUNT_PREFIX = "otp:account:";

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

  /**
   * The same compare-and-set over a login's hash and its account's hash at once. KEYS[1] the login,
   * KEYS[2] the account; ARGV[1..3] expected gen, TTL in ms (0 = delete) and number of field
   * arguments of the login; ARGV[4..6] the same for the account; then the login's field/value
   * pairs, then the account's. Returns 1 when both were written, 0 when either changed.
   */
  private static final RedisScript<Long> COMPARE_AND_SET_BOTH =
      new DefaultRedisScript<>(
          """
          local function unchanged(key, expected)
            local current = redis.call('HGET', key, 'gen')
            if expected == '-' then return not current end
            return current == expected
          end
          local function write(key, ttl, first, count)
            redis.call('DEL', key)
            if tonumber(ttl) <= 0 then return end
            redis.call('HSET', key, unpack(ARGV, first, first + count - 1))
            redis.call('PEXPIRE', key, tonumber(ttl))
          end
          if not unchanged(KEYS[1], ARGV[1]) or not unchanged(KEYS[2], ARGV[4]) then return 0 end
          local n1 = tonumber(ARGV[3])
          write(KEYS[1], ARGV[2], 7, n1)
          write(KEYS[2], ARGV[5], 7 + n1, tonumber(ARGV[6]))
          return 1
          """,
          Long.class);

  /** Hash entries stay at least this long, so a write at the very end of a code's life sticks. */
  private static final Duration MIN_TTL = Duration.ofSeconds(1);

  /**
   * An account hash with nothing left in it is kept this long rather than deleted: its {@code gen}
   * must not start again at 1 while a request that read an older incarnation may still write.
   */
  private static final Duration EMPTY_ACCOUNT_TTL = Duration.ofMinutes(1);

  private final StringRedisTemplate redis;
  private final Clock clock;
  private final Duration accountWindow;

  public RedisChallengeStore(StringRedisTemplate redis, Clock clock, Duration accountWindow) {
    this.redis = redis;
    this.clock = clock;
    this.accountWindow = accountWindow;
  }

  static String key(String loginId) {
    return PREFIX + loginId;
  }

  static String accountKey(UUID userId) {
    return ACCOUNT_PREFIX + userId;
  }

  @Override
  public VersionedAccount findAccount(UUID userId) {
    Map<Object, Object> hash = redis.opsForHash().entries(accountKey(userId));
    if (hash.isEmpty() || !hash.containsKey("gen")) {
      return new VersionedAccount(AccountStrikes.none(userId), 0);
    }
    return new VersionedAccount(
        ChallengeHashes.decodeAccount(userId, hash),
        Long.parseLong(ChallengeHashes.str(hash, "gen")));
  }

  @Override
  public Optional<Committed> commit(
      Versioned current, OtpChallenge next, VersionedAccount account, AccountStrikes nextAccount) {
    String loginId = current.challenge().loginId();
    if (next != null && !loginId.equals(next.loginId())) {
      throw new IllegalArgumentException("a challenge cannot change its login");
    }
    if (!account.strikes().userId().equals(nextAccount.userId())
        || !current.challenge().userId().equals(nextAccount.userId())) {
      throw new IllegalArgumentException("the account state belongs to another user");
    }
    long version = current.version() + 1;
    List<String> loginFields = next == null ? List.of() : ChallengeHashes.encode(next, version);
    long accountVersion = account.version() + 1;
    List<String> accountFields = ChallengeHashes.encodeAccount(nextAccount, accountVersion);
    List<String> args = new ArrayList<>(loginFields.size() + accountFields.size() + 6);
    args.add(Long.toString(current.version()));
    args.add(Long.toString(next == null ? 0 : ttl(next)));
    args.add(Integer.toString(loginFields.size()));
    args.add(expected(account));
    args.add(Long.toString(ttl(nextAccount)));
    args.add(Integer.toString(accountFields.size()));
    args.addAll(loginFields);
    args.addAll(accountFields);
    Long result =
        redis.execute(
            COMPARE_AND_SET_BOTH,
            List.of(key(loginId), accountKey(nextAccount.userId())),
            args.toArray());
    if (result == null || result != 1L) {
      return Optional.empty();
    }
    return Optional.of(
        new Committed(
            next == null ? null : new Versioned(next, version),
            new VersionedAccount(nextAccount, accountVersion)));
  }

  @Override
  public Optional<VersionedAccount> replaceAccount(VersionedAccount current, AccountStrikes next) {
    if (!current.strikes().userId().equals(next.userId())) {
      throw new IllegalArgumentException("the account state belongs to another user");
    }
    long version = current.version() + 1;
    List<String> args = new ArrayList<>();
    args.add(expected(current));
    args.add(Long.toString(ttl(next)));
    args.addAll(ChallengeHashes.encodeAccount(next, version));
    Long result =
        redis.execute(COMPARE_AND_SET, List.of(accountKey(next.userId())), args.toArray());
    return result != null && result == 1L
        ? Optional.of(new VersionedAccount(next, version))
        : Optional.empty();
  }

  private static String expected(VersionedAccount account) {
    return account.version() == 0 ? "-" : Long.toString(account.version());
  }

  /** Until the lock ends and the newest wrong code leaves the window; empty states briefly. */
  private long ttl(AccountStrikes strikes) {
    Instant now = clock.instant();
    Instant keep = now.plus(EMPTY_ACCOUNT_TTL);
    if (!strikes.failures().isEmpty()) {
      Instant newest = strikes.failures().getLast().plus(accountWindow);
      keep = newest.isAfter(keep) ? newest : keep;
    }
    if (strikes.lockedUntil() != null && strikes.lockedUntil().isAfter(keep)) {
      keep = strikes.lockedUntil();
    }
    return Duration.between(now, keep).toMillis();
  }

  @Override
  public Optional<Versioned> find(String loginId) {
    Map<Object, Object> hash = redis.opsForHash().entries(key(loginId));
    if (hash.isEmpty() || !hash.containsKey("gen")) {
      return Optional.empty();
    }
    return Optional.of(
        new Versioned(
            ChallengeHashes.decode(loginId, hash),
            Long.parseLong(ChallengeHashes.str(hash, "gen"))));
  }

  @Override
  public boolean insert(OtpChallenge challenge) {
    return write(challenge.loginId(), "-", ttl(challenge), ChallengeHashes.encode(challenge, 1));
  }

  @Override
  public Optional<Versioned> replace(Versioned current, OtpChallenge next) {
    if (!current.challenge().loginId().equals(next.loginId())) {
      throw new IllegalArgumentException("a challenge cannot change its login");
    }
    long version = current.version() + 1;
    boolean written =
        write(
            next.loginId(),
            Long.toString(current.version()),
            ttl(next),
            ChallengeHashes.encode(next, version));
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
}
