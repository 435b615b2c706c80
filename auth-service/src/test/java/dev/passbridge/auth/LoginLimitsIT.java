package dev.passbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The login limits over real HTTP, Redis, Kafka and PostgreSQL (limits of the IT context: 3 free
 * failures per client and username, then 5 s, 10 s, 20 s, ...; 4 failures per username from unknown
 * clients; 6 attempts per address and minute). Guessers are slowed; nobody can lock the real user
 * out.
 */
class LoginLimitsIT extends IntegrationTestBase {
  private static final String PASSWORD = "correct horse battery";

  /** Logs in once from {@code address} and returns the device cookie it was given. */
  private String knownDevice(String username, String address) {
    Reply ok = login(username, PASSWORD, "X-Forwarded-For", address);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    String setCookie =
        setCookieHeader(ok, "pb_device")
            .orElseThrow(() -> new AssertionError("no pb_device cookie: " + ok.headers()));
    assertThat(setCookie)
        .contains(
            "HttpOnly", "Secure", "SameSite=Strict", "Path=/api/auth/login", "Max-Age=7776000");
    String token = setCookie.substring("pb_device=".length(), setCookie.indexOf(';'));
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    return token;
  }

  private static int retryAfter(Reply r) {
    assertThat(r.json().path("retryAfterSeconds").asInt())
        .isEqualTo(Integer.parseInt(r.header("Retry-After").orElseThrow()));
    return Integer.parseInt(r.header("Retry-After").orElseThrow());
  }

  @Test
  void aGuesserFromOneAddressIsSlowedWhileTheRealUserGetsInAtOnce() {
    String alice = uniqueName("alice");
    register(alice, PASSWORD);
    String device = knownDevice(alice, randomIp());
    String attacker = randomIp();

    List<Integer> statuses = new ArrayList<>();
    // the Retry-After of the first refusal after each checked guess (it then counts down)
    List<Integer> backOffs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      if (i == 20 || i == 35) {
        // the attacker waits out its back-off (the service's clock moves on)
        clock.advance(Duration.ofSeconds(backOffs.getLast()));
      }
      Reply r = login(alice, "guess number " + i, "X-Forwarded-For", attacker);
      statuses.add(r.status());
      if (r.status() == 429) {
        assertThat(r.problemCode()).isEqualTo("too-many-attempts");
        int seconds = retryAfter(r);
        if (statuses.get(i - 1) == 401) {
          backOffs.add(seconds);
        } else {
          assertThat(seconds).isBetween(1, backOffs.getLast());
        }
      }
    }

    // 3 free failures, then one guess per back-off window: 5 guesses checked, 45 refused unhashed
    assertThat(statuses.subList(0, 3)).containsOnly(401);
    assertThat(statuses.subList(3, 20)).containsOnly(429);
    assertThat(statuses.get(20)).isEqualTo(401);
    assertThat(statuses.get(35)).isEqualTo(401);
    assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(5);
    assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(45);
    // growing Retry-After: 5 s, 10 s, 20 s (less the time since the guess, a shared machine)
    assertThat(backOffs).hasSize(3);
    assertThat(backOffs.get(0)).isBetween(3, 5);
    assertThat(backOffs.get(1)).isBetween(8, 10);
    assertThat(backOffs.get(2)).isBetween(18, 20);
    // the attacker's address stays slowed, even with the right password
    assertThat(login(alice, PASSWORD, "X-Forwarded-For", attacker).status()).isEqualTo(429);

    // the real alice, from a new address and from her known device: in at once
    Reply fromB = login(alice, PASSWORD, "X-Forwarded-For", randomIp());
    assertThat(fromB.status()).as(fromB.body()).isEqualTo(200);
    assertThat(fromB.json().path("next").asString()).isEqualTo("OTP");
    Reply fromDevice =
        login(alice, PASSWORD, "X-Forwarded-For", randomIp(), "Cookie", "pb_device=" + device);
    assertThat(fromDevice.status()).as(fromDevice.body()).isEqualTo(200);
  }

  @Test
  void aGuesserSpreadOverManyAddressesShutsOutStrangersButNotTheKnownDevice() {
    String bob = uniqueName("bob");
    register(bob, PASSWORD);
    String device = knownDevice(bob, randomIp());
    String ghost = uniqueName("ghost"); // no account: must look the same

    List<Integer> forBob = new ArrayList<>();
    List<Integer> forGhost = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      forBob.add(login(bob, "guess " + i, "X-Forwarded-For", randomIp()).status());
      forGhost.add(login(ghost, "guess " + i, "X-Forwarded-For", randomIp()).status());
    }
    assertThat(forBob).containsExactly(401, 401, 401, 401, 429, 429, 429, 429);
    assertThat(forGhost).isEqualTo(forBob);

    // a stranger with the right password waits for the username window (15 min)
    Reply stranger = login(bob, PASSWORD, "X-Forwarded-For", randomIp());
    assertThat(stranger.status()).isEqualTo(429);
    assertThat(retryAfter(stranger)).isBetween(800, 900);
    Reply ghostStranger = login(ghost, PASSWORD, "X-Forwarded-For", randomIp());
    assertThat(ghostStranger.status()).isEqualTo(429);
    assertThat(ghostStranger.problemCode()).isEqualTo(stranger.problemCode());

    // the known device, from an address never seen before: in, with a fresh cookie
    Reply known =
        login(bob, PASSWORD, "X-Forwarded-For", randomIp(), "Cookie", "pb_device=" + device);
    assertThat(known.status()).as(known.body()).isEqualTo(200);
    assertThat(known.header("Set-Cookie"))
        .hasValueSatisfying(c -> assertThat(c).startsWith("pb_device=").doesNotContain(device));
    // the retired cookie is no longer known
    Reply retired =
        login(bob, PASSWORD, "X-Forwarded-For", randomIp(), "Cookie", "pb_device=" + device);
    assertThat(retired.status()).isEqualTo(429);
  }

  @Test
  void anAddressWithAnEarlierSuccessIsKnownWithoutACookie() {
    String carol = uniqueName("carol");
    register(carol, PASSWORD);
    String home = randomIp();
    knownDevice(carol, home);
    for (int i = 0; i < 4; i++) {
      login(carol, "guess " + i, "X-Forwarded-For", randomIp());
    }
    assertThat(login(carol, PASSWORD, "X-Forwarded-For", randomIp()).status()).isEqualTo(429);

    assertThat(login(carol, PASSWORD, "X-Forwarded-For", home).status()).isEqualTo(200);
  }

  /** Sends {@code count} logins at once (released together) and returns their statuses. */
  private List<Integer> atOnce(int count, java.util.function.IntFunction<Reply> login)
      throws Exception {
    var start = new java.util.concurrent.CountDownLatch(1);
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(count)) {
      List<java.util.concurrent.Future<Integer>> replies = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        replies.add(
            pool.submit(
                () -> {
                  start.await();
                  return login.apply(n).status();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (var reply : replies) {
        statuses.add(reply.get());
      }
      return statuses;
    }
  }

  /** What is still counted in flight: nothing, once every attempt has its answer. */
  private List<String> inFlightLeft() {
    List<String> left = new ArrayList<>();
    for (String key : redis.keys("auth:rl:login-*:in-flight")) {
      String value = redis.opsForValue().get(key);
      if (value != null && Long.parseLong(value) != 0) {
        left.add(key + "=" + value);
      }
    }
    return left;
  }

  /**
   * Guesses sent at once all read the same counts before any was checked, so all of them got
   * through: 50 at once from one address were 50 wrong passwords judged where one after the other
   * gives 3, and with many addresses the username limit overshot the same way. In flight, each
   * attempt now counts as the failure it may turn out to be.
   */
  @Test
  void guessesSentAtOnceGetNoFurtherThanGuessesSentOneAfterTheOther() throws Exception {
    String dave = uniqueName("dave");
    register(dave, PASSWORD);
    String attacker = randomIp();
    List<Integer> oneAddress =
        atOnce(12, i -> login(dave, "burst guess " + i, "X-Forwarded-For", attacker));
    // 3 free failures per client and username; the others wait for the back-off they open
    assertThat(oneAddress.stream().filter(s -> s == 401).count())
        .as("%s", oneAddress)
        .isBetween(1L, 3L);
    assertThat(oneAddress).allMatch(s -> s == 401 || s == 429 || s == 503);
    assertThat(inFlightLeft()).isEmpty();

    String erin = uniqueName("erin");
    register(erin, PASSWORD);
    List<Integer> manyAddresses =
        atOnce(12, i -> login(erin, "spread guess " + i, "X-Forwarded-For", randomIp()));
    // 4 failures per username from clients that are not known
    assertThat(manyAddresses.stream().filter(s -> s == 401).count())
        .as("%s", manyAddresses)
        .isBetween(1L, 4L);
    assertThat(manyAddresses).allMatch(s -> s == 401 || s == 429 || s == 503);
    assertThat(inFlightLeft()).isEmpty();
    assertThat(login(erin, PASSWORD, "X-Forwarded-For", randomIp()).status()).isEqualTo(429);
  }
}
