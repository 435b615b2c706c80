package dev.passbridge.otp.code.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.otp.code.ChallengeStore.Versioned;
import dev.passbridge.otp.code.OtpChallenge;
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
        UUID.randomUUID());
  }

  @Test
  void storesAndReadsBackEveryField() {
    OtpChallenge c = challenge(loginId());
    assertThat(store.insert(c)).isTrue();
    Versioned read = store.find(c.loginId()).orElseThrow();
    assertThat(read.challenge()).isEqualTo(c);
    assertThat(read.version()).isEqualTo(1);
    long ttl = redis.getExpire(RedisChallengeStore.key(c.loginId()));
    assertThat(ttl).isBetween(290L, 300L);
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
            null);
    assertThat(store.insert(expiring)).isTrue();
    assertThat(redis.getExpire(RedisChallengeStore.key(c.loginId()))).isBetween(0L, 1L);
  }
}
