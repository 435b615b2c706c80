package dev.passbridge.otp.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.otp.policy.AccountStrikes;
import dev.passbridge.otp.policy.ChallengeStore.Versioned;
import dev.passbridge.otp.policy.ChallengeStore.VersionedAccount;
import dev.passbridge.otp.policy.OtpChallenge;
import dev.passbridge.testsupport.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The compare-and-set store against a real Redis server. */
class RedisChallengeStoreIT {
  static LettuceConnectionFactory factory;
  static StringRedisTemplate redis;
  final Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  final RedisChallengeStore store =
      new RedisChallengeStore(redis, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(24));

  @BeforeAll
  static void connect() {
    factory =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration("127.0.0.1", TestInfrastructure.redisPort()));
    factory.afterPropertiesSet();
    factory.start();
    redis = new StringRedisTemplate(factory);
    redis.afterPropertiesSet();
  }

  @AfterAll
  static void close() {
    factory.destroy();
  }

  static String loginId() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  OtpChallenge challenge(String loginId) {
    return new OtpChallenge(
        loginId,
        UUID.randomUUID(),
        "SMS",
        "+4915110000001",
        new byte[] {1, 2, 3, 4},
        now,
        now.plus(Duration.ofMinutes(5)),
        2,
        1,
        false,
        null,
        false,
        UUID.randomUUID(),
        UUID.randomUUID(),
        false,
        null,
        null);
  }

  @Test
  void storesAndReadsBackEveryField() {
    OtpChallenge c = challenge(loginId());
    assertThat(c.pendingEventId()).isNotNull();
    assertThat(store.insert(c)).isTrue();
    Versioned read = store.find(c.loginId()).orElseThrow();
    assertThat(read.challenge()).isEqualTo(c);
    assertThat(read.version()).isEqualTo(1);
    long ttl = redis.getExpire(RedisChallengeStore.key(c.loginId()));
    assertThat(ttl).isBetween(290L, 300L);

    Versioned settled = store.replace(read, c.settled()).orElseThrow();
    assertThat(store.find(c.loginId()).orElseThrow()).isEqualTo(settled);
    assertThat(settled.challenge().pendingEventId()).isNull();
    assertThat(redis.opsForHash().hasKey(RedisChallengeStore.key(c.loginId()), "pendEvt"))
        .as("an SMS owed by nobody leaves no field")
        .isFalse();

    // the right code taken, then given back (Kafka did not acknowledge)
    OtpChallenge taken = settled.challenge().verifying(UUID.randomUUID(), now.plusSeconds(15));
    Versioned takenRead = store.replace(settled, taken).orElseThrow();
    assertThat(store.find(c.loginId()).orElseThrow().challenge())
        .isEqualTo(taken)
        .satisfies(t -> assertThat(t.verifyingAt(now)).isTrue());
    Versioned undone = store.replace(takenRead, taken.verificationUndone()).orElseThrow();
    assertThat(undone.challenge().verifiedEventId()).isEqualTo(taken.verifiedEventId());
    assertThat(store.find(c.loginId()).orElseThrow().challenge().verifyingUntil()).isNull();
    assertThat(redis.opsForHash().hasKey(RedisChallengeStore.key(c.loginId()), "verUntil"))
        .isFalse();
  }

  @Test
  void keepsTheLoginsBrowserBindingThroughEveryChange() {
    OtpChallenge c = challenge(loginId()).withBinding("0123456789abcdef0123456789abcdef");
    assertThat(store.insert(c)).isTrue();
    Versioned read = store.find(c.loginId()).orElseThrow();
    assertThat(read.challenge()).isEqualTo(c);
    assertThat(read.challenge().binding()).isEqualTo("0123456789abcdef0123456789abcdef");
    Versioned settled = store.replace(read, read.challenge().settled()).orElseThrow();
    assertThat(store.find(c.loginId()).orElseThrow().challenge().binding())
        .isEqualTo(settled.challenge().binding())
        .isEqualTo("0123456789abcdef0123456789abcdef");
    // one without a binding leaves no field
    OtpChallenge unbound = challenge(loginId());
    assertThat(store.insert(unbound)).isTrue();
    assertThat(redis.opsForHash().hasKey(RedisChallengeStore.key(unbound.loginId()), "bind"))
        .isFalse();
    assertThat(store.find(unbound.loginId()).orElseThrow().challenge().binding()).isNull();
  }

  @Test
  void insertsOnlyOncePerLogin() {
    OtpChallenge c = challenge(loginId());
    assertThat(store.insert(c)).isTrue();
    assertThat(store.insert(challenge(c.loginId()))).isFalse();
    assertThat(store.find(c.loginId()).orElseThrow().challenge()).isEqualTo(c);
  }

  @Test
  void replaceAndRemoveRefuseAStaleVersion() {
    OtpChallenge c = challenge(loginId());
    store.insert(c);
    Versioned v1 = store.find(c.loginId()).orElseThrow();
    OtpChallenge locked =
        new OtpChallenge(
            c.loginId(),
            c.userId(),
            "SMS",
            c.destination(),
            c.codeHmac(),
            c.sentAt(),
            c.expiresAt(),
            5,
            1,
            true,
            UUID.randomUUID(),
            false,
            null,
            null,
            false,
            null,
            null);
    Versioned v2 = store.replace(v1, locked).orElseThrow();
    assertThat(v2.version()).isEqualTo(2);

    assertThat(store.replace(v1, c)).as("stale version").isEmpty();
    assertThat(store.remove(v1)).as("stale version").isFalse();
    assertThat(store.find(c.loginId()).orElseThrow()).isEqualTo(v2);
    assertThat(store.find(c.loginId()).orElseThrow().challenge().verifiedEventId()).isNull();

    assertThat(store.remove(v2)).isTrue();
    assertThat(store.find(c.loginId())).isEmpty();
    assertThat(store.remove(v2)).isFalse();
  }

  @Test
  void ofManyConcurrentWritersOfOneVersionExactlyOneWins() throws Exception {
    OtpChallenge c = challenge(loginId());
    store.insert(c);
    Versioned read = store.find(c.loginId()).orElseThrow();
    int writers = 16;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(writers)) {
      for (int i = 0; i < writers; i++) {
        int n = i;
        Callable<Boolean> write =
            () -> {
              go.await();
              return n % 2 == 0
                  ? store.remove(read)
                  : store.replace(read, challenge(c.loginId())).isPresent();
            };
        results.add(pool.submit(write));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> f : results) {
        won += f.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    }
  }

  @Test
  void aWriteAtTheVeryEndOfTheCodesLifeStillSticksBriefly() {
    OtpChallenge c = challenge(loginId());
    var expiring =
        new OtpChallenge(
            c.loginId(),
            c.userId(),
            "SMS",
            c.destination(),
            c.codeHmac(),
            c.sentAt(),
            now.minusSeconds(1),
            0,
            0,
            false,
            null,
            false,
            null,
            null,
            false,
            null,
            null);
    assertThat(store.insert(expiring)).isTrue();
    assertThat(redis.getExpire(RedisChallengeStore.key(c.loginId()))).isBetween(0L, 1L);
  }

  // ---------------------------------------------------------------- the account's wrong codes

  @Test
  void anAccountRoundTripsWithTheLoginInOneWrite() {
    OtpChallenge c = challenge(loginId());
    store.insert(c);
    Versioned login = store.find(c.loginId()).orElseThrow();
    VersionedAccount none = store.findAccount(c.userId());
    assertThat(none.version()).as("nothing stored").isZero();
    assertThat(none.strikes().isEmpty()).isTrue();

    UUID lockEvent = UUID.randomUUID();
    AccountStrikes strikes =
        new AccountStrikes(
            c.userId(),
            List.of(now.minus(Duration.ofHours(2)), now),
            now.plus(Duration.ofHours(1)),
            lockEvent,
            c.loginId(),
            false);
    OtpChallenge next = withAttempts(c, 3);
    var committed = store.commit(login, next, none, strikes).orElseThrow();
    assertThat(committed.challenge().version()).isEqualTo(2);
    assertThat(committed.account().version()).isEqualTo(1);

    assertThat(store.find(c.loginId()).orElseThrow().challenge()).isEqualTo(next);
    VersionedAccount read = store.findAccount(c.userId());
    assertThat(read).isEqualTo(committed.account());
    assertThat(read.strikes()).isEqualTo(strikes);
    assertThat(redis.getExpire(RedisChallengeStore.accountKey(c.userId())))
        .as("kept while the newest wrong code is inside the 24 h window")
        .isBetween(86_390L, 86_400L);

    var announced = store.replaceAccount(read, strikes.withLockAnnounced()).orElseThrow();
    assertThat(store.findAccount(c.userId()).strikes().lockAnnounced()).isTrue();
    assertThat(store.replaceAccount(read, strikes)).as("stale version").isEmpty();
    assertThat(store.findAccount(c.userId())).isEqualTo(announced);
  }

  @Test
  void aRightCodeDeletesTheLoginAndKeepsAnEmptyAccountBriefly() {
    OtpChallenge c = challenge(loginId());
    store.insert(c);
    Versioned login = store.find(c.loginId()).orElseThrow();
    VersionedAccount account =
        store
            .commit(
                login,
                withAttempts(c, 3),
                store.findAccount(c.userId()),
                new AccountStrikes(c.userId(), List.of(now), null, null, null, false))
            .orElseThrow()
            .account();

    var committed =
        store
            .commit(
                store.find(c.loginId()).orElseThrow(),
                null,
                account,
                AccountStrikes.none(c.userId()))
            .orElseThrow();
    assertThat(committed.challenge()).isNull();
    assertThat(store.find(c.loginId())).isEmpty();
    VersionedAccount after = store.findAccount(c.userId());
    assertThat(after.strikes().isEmpty()).isTrue();
    assertThat(after.version()).as("versions never start again at 1").isEqualTo(2);
    assertThat(redis.getExpire(RedisChallengeStore.accountKey(c.userId()))).isBetween(50L, 60L);
  }

  @Test
  void theTwoKeyWriteRefusesWhenEitherSideChanged() {
    OtpChallenge c = challenge(loginId());
    store.insert(c);
    Versioned login = store.find(c.loginId()).orElseThrow();
    VersionedAccount account = store.findAccount(c.userId());
    AccountStrikes one = new AccountStrikes(c.userId(), List.of(now), null, null, null, false);

    Versioned moved = store.replace(login, withAttempts(c, 4)).orElseThrow();
    assertThat(store.commit(login, withAttempts(c, 3), account, one))
        .as("the login changed")
        .isEmpty();
    assertThat(store.findAccount(c.userId()).version()).as("and the account is untouched").isZero();

    OtpChallenge other = challenge(loginId());
    OtpChallenge sameUser =
        new OtpChallenge(
            other.loginId(),
            c.userId(),
            "SMS",
            other.destination(),
            other.codeHmac(),
            now,
            now.plus(Duration.ofMinutes(5)),
            0,
            0,
            false,
            null,
            false,
            null,
            null,
            false,
            null,
            null);
    store.insert(sameUser);
    store
        .commit(
            store.find(sameUser.loginId()).orElseThrow(), withAttempts(sameUser, 1), account, one)
        .orElseThrow();
    assertThat(store.commit(moved, withAttempts(c, 5), account, one))
        .as("the account changed (another login of the user)")
        .isEmpty();
    assertThat(store.find(c.loginId()).orElseThrow())
        .as("and the login is untouched")
        .isEqualTo(moved);
  }

  /**
   * A login's first code with the account's version checked: stored (and tracked in the account's
   * set of logins, so a later lock finds it) while neither changed; refused when the login has a
   * code or the account changed since it was read, and then nothing is written.
   */
  @Test
  void theInsertWithTheAccountRefusesAnExistingLoginOrAChangedAccount() {
    OtpChallenge c = challenge(loginId());
    VersionedAccount none = store.findAccount(c.userId());
    assertThat(none.version()).isZero();
    VersionedAccount changed =
        store
            .replaceAccount(
                none, new AccountStrikes(c.userId(), List.of(now), null, null, null, false))
            .orElseThrow();

    assertThat(store.insert(c, none)).as("the account changed since the read").isFalse();
    assertThat(store.find(c.loginId())).isEmpty();
    assertThat(store.findAccount(c.userId())).isEqualTo(changed);

    assertThat(store.insert(c, changed)).isTrue();
    assertThat(store.find(c.loginId()).orElseThrow()).isEqualTo(new Versioned(c, 1));
    assertThat(redis.opsForSet().isMember(RedisChallengeStore.loginsKey(c.userId()), c.loginId()))
        .isTrue();
    VersionedAccount after = store.findAccount(c.userId());
    assertThat(after.strikes()).as("written unchanged").isEqualTo(changed.strikes());
    assertThat(after.version()).as("with its version moved on").isEqualTo(changed.version() + 1);

    assertThat(store.insert(c, after)).as("the login has a code").isFalse();
    assertThat(store.findAccount(c.userId())).isEqualTo(after);
  }

  /** 16 logins of one user, one wrong code each, all at once: the account counts all 16. */
  @Test
  void concurrentWrongCodesOnManyLoginsOfOneAccountAreAllCounted() throws Exception {
    UUID user = UUID.randomUUID();
    int logins = 16;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < logins; i++) {
      OtpChallenge c = challenge(loginId());
      OtpChallenge mine =
          new OtpChallenge(
              c.loginId(),
              user,
              "SMS",
              c.destination(),
              c.codeHmac(),
              now,
              now.plus(Duration.ofMinutes(5)),
              0,
              0,
              false,
              null,
              false,
              null,
              null,
              false,
              null,
              null);
      store.insert(mine);
      ids.add(mine.loginId());
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> rounds = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(logins)) {
      for (int i = 0; i < logins; i++) {
        String id = ids.get(i);
        Instant at = now.plusMillis(i);
        rounds.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int round = 1; ; round++) {
                    Versioned login = store.find(id).orElseThrow();
                    VersionedAccount account = store.findAccount(user);
                    List<Instant> failures = new ArrayList<>(account.strikes().failures());
                    failures.add(at);
                    AccountStrikes next =
                        new AccountStrikes(user, failures, null, null, null, false);
                    if (store
                        .commit(login, withAttempts(login.challenge(), 1), account, next)
                        .isPresent()) {
                      return round;
                    }
                  }
                }));
      }
      go.countDown();
      for (Future<Integer> f : rounds) {
        f.get();
      }
      assertThat(store.findAccount(user).strikes().failures()).hasSize(logins);
      assertThat(store.findAccount(user).version()).isEqualTo(logins);
    }
  }

  /** A challenge of {@code user}, live until {@code expiresAt}. */
  OtpChallenge ofUser(UUID user, Instant expiresAt, boolean locked) {
    return new OtpChallenge(
        loginId(),
        user,
        "SMS",
        "+4915110000001",
        new byte[] {1, 2, 3, 4},
        now.minus(Duration.ofMinutes(1)),
        expiresAt,
        1,
        0,
        locked,
        locked ? UUID.randomUUID() : null,
        locked,
        null,
        null,
        false,
        null,
        null);
  }

  /**
   * The write that locks the account locks, in the same script, every other login of the account
   * with a live, unlocked code, and names them: expired, already locked, used and other users'
   * logins are left alone; a concurrent writer that read such a login before loses its write.
   */
  @Test
  void aNewAccountLockLocksTheAccountsOtherLiveCodesInTheSameWrite() {
    UUID user = UUID.randomUUID();
    Instant live = now.plus(Duration.ofMinutes(4));
    OtpChallenge tripping = ofUser(user, live, false);
    OtpChallenge pending1 = ofUser(user, live, false);
    OtpChallenge pending2 = ofUser(user, live, false);
    OtpChallenge expired = ofUser(user, now.minusMillis(1), false); // hash kept 1 s (MIN_TTL)
    OtpChallenge lockedBefore = ofUser(user, live, true);
    OtpChallenge used = ofUser(user, live, false);
    OtpChallenge otherUser = ofUser(UUID.randomUUID(), live, false);
    // the right code taken by a request waiting for Kafka: the lock must not end a verified login
    OtpChallenge beingVerified =
        ofUser(user, live, false).verifying(UUID.randomUUID(), now.plusSeconds(15));
    // taken by an instance that died: once its lease passed it is a live code like any other
    OtpChallenge leaseOver =
        ofUser(user, live, false).verifying(UUID.randomUUID(), now.minusSeconds(1));
    for (OtpChallenge c :
        List.of(
            tripping,
            pending1,
            pending2,
            expired,
            lockedBefore,
            used,
            otherUser,
            beingVerified,
            leaseOver)) {
      assertThat(store.insert(c)).isTrue();
    }
    assertThat(store.remove(store.find(used.loginId()).orElseThrow())).isTrue();
    assertThat(redis.opsForSet().members(RedisChallengeStore.loginsKey(user)))
        .as("the account's logins with a code; a deleted code leaves the set")
        .containsExactlyInAnyOrder(
            tripping.loginId(),
            pending1.loginId(),
            pending2.loginId(),
            expired.loginId(),
            lockedBefore.loginId(),
            beingVerified.loginId(),
            leaseOver.loginId());
    assertThat(redis.getExpire(RedisChallengeStore.loginsKey(user)))
        .as("no longer than its longest-lived code")
        .isBetween(230L, 240L);
    Versioned pending1Before = store.find(pending1.loginId()).orElseThrow();

    UUID lockEvent = UUID.randomUUID();
    AccountStrikes locked =
        new AccountStrikes(
            user,
            List.of(now),
            now.plus(Duration.ofHours(1)),
            lockEvent,
            tripping.loginId(),
            false);
    var committed =
        store
            .commit(
                store.find(tripping.loginId()).orElseThrow(),
                withAttempts(tripping, 2),
                store.findAccount(user),
                locked)
            .orElseThrow();

    assertThat(committed.othersLocked())
        .containsExactlyInAnyOrder(pending1.loginId(), pending2.loginId(), leaseOver.loginId());
    assertThat(store.find(beingVerified.loginId()).orElseThrow().challenge())
        .isEqualTo(beingVerified);
    List<UUID> eventIds = new ArrayList<>();
    for (OtpChallenge c : List.of(pending1, pending2, leaseOver)) {
      Versioned after = store.find(c.loginId()).orElseThrow();
      assertThat(after.challenge().locked()).isTrue();
      assertThat(after.challenge().accountLock()).isTrue();
      assertThat(after.challenge().lockAnnounced()).isFalse();
      assertThat(after.challenge().lockEventId()).isNotNull().isNotEqualTo(lockEvent);
      assertThat(after.challenge().codeHmac()).isEqualTo(c.codeHmac());
      assertThat(after.version()).as("a reader of the old state loses its write").isEqualTo(2);
      assertThat(redis.getExpire(RedisChallengeStore.key(c.loginId()))).isBetween(230L, 240L);
      eventIds.add(after.challenge().lockEventId());
    }
    assertThat(eventIds).doesNotHaveDuplicates();
    assertThat(store.replace(pending1Before, withAttempts(pending1, 2))).isEmpty();
    assertThat(store.find(expired.loginId()).map(v -> v.challenge().locked()))
        .as("an expired code is not ended again (its hash may be gone by now)")
        .isIn(java.util.Optional.empty(), java.util.Optional.of(false));
    assertThat(store.find(lockedBefore.loginId()).orElseThrow().challenge())
        .isEqualTo(lockedBefore);
    assertThat(store.find(otherUser.loginId()).orElseThrow().challenge()).isEqualTo(otherUser);
    assertThat(store.find(tripping.loginId()).orElseThrow().challenge())
        .isEqualTo(withAttempts(tripping, 2));

    // the same lock written again (e.g. the announcement flag) locks nothing more
    OtpChallenge late = ofUser(user, live, false);
    store.insert(late);
    var again =
        store
            .commit(
                store.find(tripping.loginId()).orElseThrow(),
                withAttempts(tripping, 3),
                committed.account(),
                locked)
            .orElseThrow();
    assertThat(again.othersLocked()).isEmpty();
    assertThat(store.find(late.loginId()).orElseThrow().challenge().locked()).isFalse();
  }

  static OtpChallenge withAttempts(OtpChallenge c, int attempts) {
    return new OtpChallenge(
        c.loginId(),
        c.userId(),
        c.channel(),
        c.destination(),
        c.codeHmac(),
        c.sentAt(),
        c.expiresAt(),
        attempts,
        c.resends(),
        false,
        null,
        false,
        c.verifiedEventId(),
        null,
        false,
        null,
        null);
  }
}
