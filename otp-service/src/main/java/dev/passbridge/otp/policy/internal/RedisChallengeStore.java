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
 *
 * <p>A set per account, {@code otp:logins:<userId>}, names the logins that have a code: the scripts
 * that write a login's hash add it (and keep the set alive as long as its longest-lived code), the
 * ones that delete it remove it. The write that locks the account anew walks this set and locks
 * every other live, unlocked code in the same script, so no code of the account can be used once
 * the lock is written, and no login can slip in between. Those login hashes are not declared keys
 * of the script: fine on the single Redis node used here; Redis Cluster would need every key of an
 * account in one hash slot.
 */
public class RedisChallengeStore implements ChallengeStore {
  public static final String PREFIX = "otp:code:";
  public static final String ACCOUNT_PREFIX = "otp:account:";
  public static final String LOGINS_PREFIX = "otp:logins:";

  /**
   * Lua: adds login {@code id} to the account's set {@code set} of logins with a code whose hash
   * now lives {@code ttl} ms, or removes it when {@code ttl} is 0 (deleted); the set lives as long
   * as its longest-lived code.
   */
  private static final String TRACK =
      """
      local function track(set, id, ttl)
        ttl = tonumber(ttl)
        if ttl <= 0 then
          redis.call('SREM', set, id)
          return
        end
        redis.call('SADD', set, id)
        if redis.call('PTTL', set) < ttl then redis.call('PEXPIRE', set, ttl) end
      end
      """;

  /**
   * KEYS[1] a login's hash, KEYS[2] its account's set of logins; ARGV[1] the expected gen ("-" =
   * must not exist); ARGV[2] TTL in ms (0 = delete); ARGV[3] the loginId; ARGV[4..] field/value
   * pairs of the new state. Returns 1 when written, 0 on conflict.
   */
  private static final RedisScript<Long> COMPARE_AND_SET_LOGIN =
      new DefaultRedisScript<>(
          TRACK
              + """
              local current = redis.call('HGET', KEYS[1], 'gen')
              if ARGV[1] == '-' then
                if current then return 0 end
              elseif current ~= ARGV[1] then
                return 0
              end
              redis.call('DEL', KEYS[1])
              local ttl = tonumber(ARGV[2])
              if ttl > 0 then
                redis.call('HSET', KEYS[1], unpack(ARGV, 4))
                redis.call('PEXPIRE', KEYS[1], ttl)
              end
              track(KEYS[2], ARGV[3], ttl)
              return 1
              """,
          Long.class);

  /**
   * KEYS[1] the account's hash; ARGV[1] the expected gen ("-" = must not exist); ARGV[2] TTL in ms
   * (0 = delete); ARGV[3..] field/value pairs of the new state. Returns 1 when written, 0 on
   * conflict.
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
   * KEYS[2] the account, KEYS[3] the account's set of logins; ARGV[1..3] expected gen ("-" = must
   * not exist: a new login), TTL in ms (0 = delete) and number of field arguments of the login;
   * ARGV[4..6] the same for the account; ARGV[7] the loginId; ARGV[8] the event id of a new account
   * lock, or "" when the account is not locked anew; ARGV[9] the prefix of a login's hash; ARGV[10]
   * now (epoch ms); then the login's field/value pairs, then the account's. Returns {"0"} when
   * either changed, else {"1", the other logins it locked...}: with a new account lock, every other
   * login of the set whose code is live (not expired at ARGV[10]), not locked and not being
   * verified (its {@code verUntil} passed or absent: the right code was taken there) gets {@code
   * lock}, {@code lockAcct}, an unannounced {@code lockEvt} derived from the account's lock event
   * and the login (name-based, SHA-1) and a new {@code gen}, so a request that read it before
   * re-reads and sees the lock.
   */
  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> COMPARE_AND_SET_BOTH =
      new DefaultRedisScript<>(
          TRACK
              + """
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
              local function derived(name)
                local h = redis.sha1hex(name)
                local variant = string.format('%x', 8 + tonumber(string.sub(h, 17, 17), 16) % 4)
                return string.sub(h, 1, 8) .. '-' .. string.sub(h, 9, 12) .. '-5'
                  .. string.sub(h, 14, 16) .. '-' .. variant .. string.sub(h, 18, 20) .. '-'
                  .. string.sub(h, 21, 32)
              end
              if not unchanged(KEYS[1], ARGV[1]) or not unchanged(KEYS[2], ARGV[4]) then
                return {'0'}
              end
              local n1 = tonumber(ARGV[3])
              write(KEYS[1], ARGV[2], 11, n1)
              write(KEYS[2], ARGV[5], 11 + n1, tonumber(ARGV[6]))
              track(KEYS[3], ARGV[7], ARGV[2])
              local result = {'1'}
              if ARGV[8] == '' then return result end
              local now = tonumber(ARGV[10])
              for _, other in ipairs(redis.call('SMEMBERS', KEYS[3])) do
                if other ~= ARGV[7] then
                  local key = ARGV[9] .. other
                  local state = redis.call('HMGET', key, 'lock', 'exp', 'verUntil')
                  if not state[1] then
                    redis.call('SREM', KEYS[3], other)
                  elseif state[1] ~= '1' and tonumber(state[2]) > now
                      and not (state[3] and tonumber(state[3]) > now) then
                    redis.call('HSET', key, 'lock', '1', 'lockAcct', '1', 'lockAnn', '0',
                      'lockEvt', derived('otp-account-lock:' .. ARGV[8] .. ':' .. other))
                    redis.call('HINCRBY', key, 'gen', 1)
                    table.insert(result, other)
                  end
                end
              end
              return result
              """,
          List.class);

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

  static String loginsKey(UUID userId) {
    return LOGINS_PREFIX + userId;
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
    if (!current.challenge().userId().equals(nextAccount.userId())) {
      throw new IllegalArgumentException("the account state belongs to another user");
    }
    return commitBoth(
        loginId,
        Long.toString(current.version()),
        current.version() + 1,
        next,
        account,
        nextAccount);
  }

  @Override
  public boolean insert(OtpChallenge challenge, VersionedAccount account) {
    if (!challenge.userId().equals(account.strikes().userId())) {
      throw new IllegalArgumentException("the account state belongs to another user");
    }
    return commitBoth(challenge.loginId(), "-", 1, challenge, account, account.strikes())
        .isPresent();
  }

  /**
   * {@link #COMPARE_AND_SET_BOTH}: the login's hash expected at {@code expectedLogin} ("-" = must
   * not exist) and written as {@code next} (null: deleted) with {@code version}.
   */
  private Optional<Committed> commitBoth(
      String loginId,
      String expectedLogin,
      long version,
      OtpChallenge next,
      VersionedAccount account,
      AccountStrikes nextAccount) {
    if (!account.strikes().userId().equals(nextAccount.userId())) {
      throw new IllegalArgumentException("the account state belongs to another user");
    }
    List<String> loginFields = next == null ? List.of() : ChallengeHashes.encode(next, version);
    long accountVersion = account.version() + 1;
    List<String> accountFields = ChallengeHashes.encodeAccount(nextAccount, accountVersion);
    boolean locksAnew = nextAccount.locksAnew(account.strikes());
    List<String> args = new ArrayList<>(loginFields.size() + accountFields.size() + 10);
    args.add(expectedLogin);
    args.add(Long.toString(next == null ? 0 : ttl(next)));
    args.add(Integer.toString(loginFields.size()));
    args.add(expected(account));
    args.add(Long.toString(ttl(nextAccount)));
    args.add(Integer.toString(accountFields.size()));
    args.add(loginId);
    args.add(locksAnew ? nextAccount.lockEventId().toString() : "");
    args.add(PREFIX);
    args.add(Long.toString(clock.millis()));
    args.addAll(loginFields);
    args.addAll(accountFields);
    List<?> result =
        redis.execute(
            COMPARE_AND_SET_BOTH,
            List.of(
                key(loginId), accountKey(nextAccount.userId()), loginsKey(nextAccount.userId())),
            args.toArray());
    if (result == null || result.isEmpty() || !"1".equals(String.valueOf(result.getFirst()))) {
      return Optional.empty();
    }
    List<String> othersLocked =
        result.subList(1, result.size()).stream().map(String::valueOf).toList();
    return Optional.of(
        new Committed(
            next == null ? null : new Versioned(next, version),
            new VersionedAccount(nextAccount, accountVersion),
            othersLocked));
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
    return write(challenge, "-", ttl(challenge), ChallengeHashes.encode(challenge, 1));
  }

  @Override
  public Optional<Versioned> replace(Versioned current, OtpChallenge next) {
    if (!current.challenge().loginId().equals(next.loginId())) {
      throw new IllegalArgumentException("a challenge cannot change its login");
    }
    long version = current.version() + 1;
    boolean written =
        write(
            next,
            Long.toString(current.version()),
            ttl(next),
            ChallengeHashes.encode(next, version));
    return written ? Optional.of(new Versioned(next, version)) : Optional.empty();
  }

  @Override
  public boolean remove(Versioned current) {
    return write(current.challenge(), Long.toString(current.version()), 0, List.of());
  }

  /** Writes (or with {@code ttlMillis} 0 deletes) the hash of {@code challenge}'s login. */
  private boolean write(
      OtpChallenge challenge, String expected, long ttlMillis, List<String> fields) {
    List<String> args = new ArrayList<>(fields.size() + 3);
    args.add(expected);
    args.add(Long.toString(ttlMillis));
    args.add(challenge.loginId());
    args.addAll(fields);
    Long result =
        redis.execute(
            COMPARE_AND_SET_LOGIN,
            List.of(key(challenge.loginId()), loginsKey(challenge.userId())),
            args.toArray());
    return result != null && result == 1L;
  }

  private long ttl(OtpChallenge challenge) {
    Duration left = Duration.between(clock.instant(), challenge.expiresAt());
    return (left.compareTo(MIN_TTL) < 0 ? MIN_TTL : left).toMillis();
  }
}
