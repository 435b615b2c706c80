package dev.passbridge.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.auth.IntegrationTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The limits' username index on a real Redis: every key that names an address or a device is listed
 * under the username (so an erasure finds them without a scan), expired entries leave it at the
 * next write, and {@code forget} deletes what it lists and the username's counter, nothing of
 * another username.
 */
class RedisLoginLimitsIT extends IntegrationTestBase {
  @Autowired LoginLimitStore store;

  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");
  private static final Duration PAIR_MEMORY = Duration.ofHours(24);
  private static final Duration DEVICE_TTL = Duration.ofDays(90);
  private static final Duration KNOWN_TTL = Duration.ofDays(7);

  /** The keys of one username, as {@link LoginThrottle} builds them. */
  private record Name(String digest) {
    static Name random() {
      return new Name(UUID.randomUUID().toString().replace("-", ""));
    }

    String user() {
      return LoginThrottle.userKey(digest);
    }

    String pair(String ip) {
      return LoginThrottle.pairKey(digest, "a:" + ip);
    }

    String known(String ip) {
      return LoginThrottle.knownAddressKey(digest, ip);
    }

    String index() {
      return LoginThrottle.indexKey(digest);
    }
  }

  private LoginLimitStore.Snapshot reserve(Name n, String ip) {
    return store.reserve(
        new LoginLimitStore.Keys(n.pair(ip), null, n.user(), null, n.known(ip), n.digest()),
        Duration.ofMinutes(1));
  }

  private void fail(Name n, String ip, Instant at) {
    reserve(n, ip);
    store.failed(
        n.pair(ip), n.user(), true, true, n.index(), at, PAIR_MEMORY, Duration.ofMinutes(15));
  }

  private String succeed(Name n, String ip, String oldDevice, Instant at) {
    reserve(n, ip);
    String device = LoginThrottle.deviceKey(dev.passbridge.contracts.ids.Tokens.newToken());
    store.succeeded(
        n.pair(ip),
        n.user(),
        true,
        oldDevice,
        device,
        n.digest(),
        DEVICE_TTL,
        n.known(ip),
        KNOWN_TTL,
        n.index(),
        at);
    return device;
  }

  private double score(Name n, String key) {
    Double s = redis.opsForZSet().score(n.index(), key);
    assertThat(s).as("%s in the index", key).isNotNull();
    return s;
  }

  @Test
  void theIndexListsWhatNamesAnAddressOrADeviceUntilItExpires() {
    Name n = Name.random();
    fail(n, "10.1.0.1", T0);
    fail(n, "10.1.0.2", T0);
    String device = succeed(n, "10.1.0.2", null, T0.plusSeconds(60));

    assertThat(redis.opsForZSet().range(n.index(), 0, -1))
        .containsExactlyInAnyOrder(n.pair("10.1.0.1"), device, n.known("10.1.0.2"));
    assertThat(score(n, n.pair("10.1.0.1"))).isEqualTo(T0.plus(PAIR_MEMORY).toEpochMilli());
    assertThat(score(n, device)).isEqualTo(T0.plusSeconds(60).plus(DEVICE_TTL).toEpochMilli());
    assertThat(score(n, n.known("10.1.0.2")))
        .isEqualTo(T0.plusSeconds(60).plus(KNOWN_TTL).toEpochMilli());
    assertThat(redis.getExpire(n.index()))
        .as("as long as the device")
        .isBetween(DEVICE_TTL.toSeconds() - 5, DEVICE_TTL.toSeconds());

    // a day later the first pair has expired: the next write drops it; a new success drops the
    // device it replaced
    Instant later = T0.plus(PAIR_MEMORY).plusSeconds(1);
    String next = succeed(n, "10.1.0.3", device, later);
    assertThat(redis.opsForZSet().range(n.index(), 0, -1))
        .containsExactlyInAnyOrder(next, n.known("10.1.0.2"), n.known("10.1.0.3"));
  }

  @Test
  void forgetDeletesWhatTheIndexListsAndTheCounterAndNothingOfAnotherName() {
    Name alice = Name.random();
    Name bob = Name.random();
    for (Name n : new Name[] {alice, bob}) {
      fail(n, "10.2.0.1", T0);
      reserve(n, "10.2.0.1"); // one in flight
      succeed(n, "10.2.0.2", null, T0);
    }
    String aliceDevice =
        redis.opsForZSet().range(alice.index(), 0, -1).stream()
            .filter(k -> k.startsWith("auth:login-device:"))
            .findFirst()
            .orElseThrow();
    assertThat(redis.opsForValue().get(aliceDevice)).isEqualTo(alice.digest());
    assertThat(redis.hasKey(alice.pair("10.2.0.1") + ":in-flight")).isTrue();
    assertThat(redis.hasKey(alice.user())).isTrue();

    store.forget(alice.index(), alice.user());

    for (String key :
        new String[] {
          alice.pair("10.2.0.1"),
          alice.pair("10.2.0.1") + ":in-flight",
          alice.known("10.2.0.2"),
          aliceDevice,
          alice.user(),
          alice.user() + ":in-flight",
          alice.index()
        }) {
      assertThat(redis.hasKey(key)).as(key).isFalse();
    }
    LoginLimitStore.Snapshot s = reserve(alice, "10.2.0.2");
    assertThat(s.addressKnown()).isFalse();
    assertThat(s.usernameFailures().count()).isZero();
    // bob keeps his
    assertThat(redis.hasKey(bob.pair("10.2.0.1"))).isTrue();
    assertThat(redis.hasKey(bob.known("10.2.0.2"))).isTrue();
    assertThat(redis.hasKey(bob.user())).isTrue();
    assertThat(redis.opsForZSet().size(bob.index())).isEqualTo(3);
  }

  private static String address(int i) {
    return "10.3." + (i / 250) + "." + (i % 250);
  }

  @Test
  void forgetReachesEveryEntryOfAnIndexLongerThanOnePage() {
    // a name tried from more addresses than forget takes at once (RedisLoginLimits.FORGET_PAGE,
    // 500): an attack from many addresses, each with an attempt in flight
    Name n = Name.random();
    int addresses = 1_007;
    for (int i = 0; i < addresses; i++) {
      fail(n, address(i), T0);
      reserve(n, address(i));
    }
    assertThat(redis.opsForZSet().size(n.index())).isEqualTo(addresses);

    store.forget(n.index(), n.user());

    for (int i = 0; i < addresses; i++) {
      String pair = n.pair(address(i));
      assertThat(redis.hasKey(pair)).as(pair).isFalse();
      assertThat(redis.hasKey(pair + ":in-flight")).as(pair + ":in-flight").isFalse();
    }
    assertThat(redis.hasKey(n.index())).isFalse();
    assertThat(redis.hasKey(n.user())).isFalse();
    assertThat(redis.hasKey(n.user() + ":in-flight")).isFalse();
  }

  @Test
  void forgetTakesEveryEntryThatWasThereWhileLoginsKeepWritingToTheIndex() throws Exception {
    // logins on the name go on during the erasure: each failure moves its address's entry to the
    // end of the index (a later expiry), which must not let forget step over an entry
    Name n = Name.random();
    int addresses = 1_507;
    int busy = 200;
    for (int i = 0; i < addresses; i++) {
      fail(n, address(i), T0);
    }
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
    Thread writer =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int k = 1; !done.get(); k++) {
                    fail(n, address(k % busy), T0.plusMillis(k));
                    writing.countDown();
                  }
                });
    assertThat(writing.await(10, java.util.concurrent.TimeUnit.SECONDS))
        .as("the writer is writing")
        .isTrue();
    try {
      store.forget(n.index(), n.user());
    } finally {
      done.set(true);
      writer.join();
    }

    for (int i = busy; i < addresses; i++) {
      String pair = n.pair(address(i));
      assertThat(redis.hasKey(pair)).as(pair).isFalse();
    }
  }
}
