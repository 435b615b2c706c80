package dev.passbridge.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.auth.fakes.InMemoryLoginLimits;
import dev.passbridge.auth.fakes.InMemoryRateCounters;
import dev.passbridge.auth.fakes.MutableClock;
import dev.passbridge.auth.ratelimit.RateLimit;
import dev.passbridge.contracts.ids.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The keys the limits write carry the keyed username digest, never the plain SHA-256 of the name
 * (which anyone could compute for a guessed name), and another key gives other keys. {@link
 * LoginThrottle#forget} drops everything the limits remember of a name.
 */
class LoginThrottleKeysTest {
  private static final byte[] KEY_A =
      Base64.getDecoder().decode("Neg8MWhJ5Yy24jYsTWMciZmek9n1MAV6qeFPzJxa+Jk=");
  private static final byte[] KEY_B =
      Base64.getDecoder().decode("MLbwNj6iM3V3hE1RGfYgaG8Ec/h5MlRfTYan5y/0L10=");

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));

  private LoginThrottle throttle(InMemoryLoginLimits limits, byte[] key) {
    return new LoginThrottle(
        new InMemoryRateCounters(),
        limits,
        new UsernameDigest(key),
        new LoginLimitPolicy(
            3,
            Duration.ofSeconds(5),
            Duration.ofMinutes(1),
            new RateLimit(4, Duration.ofMinutes(15)),
            clock),
        new RateLimit(100, Duration.ofMinutes(1)),
        Duration.ofMinutes(15),
        Duration.ofHours(1),
        Duration.ofDays(90),
        Duration.ofDays(7),
        clock);
  }

  /** A failure from one address, a success (with the device it gets) from another. */
  private static Set<String> keysAfterAFailureAndASuccess(
      LoginThrottle throttle, InMemoryLoginLimits limits) {
    throttle.failed(throttle.check("10.0.0.1", "alice", null));
    String device = throttle.succeeded(throttle.check("10.0.0.2", "alice", null));
    assertThat(throttle.check("10.0.0.3", "alice", device).known()).isTrue();
    return limits.keys();
  }

  @Test
  void keysCarryTheKeyedDigestNeverThePlainHash() {
    InMemoryLoginLimits limits = new InMemoryLoginLimits(clock);
    Set<String> keys = keysAfterAFailureAndASuccess(throttle(limits, KEY_A), limits);
    String keyed = new UsernameDigest(KEY_A).of("alice");

    assertThat(keys)
        .contains(
            "auth:rl:login-pair:" + keyed + ":a:10.0.0.1",
            "auth:rl:login-user:" + keyed,
            "auth:login-known:" + keyed + ":10.0.0.2",
            "auth:login-index:" + keyed);
    assertThat(keys).noneMatch(k -> k.contains(Tokens.digest("alice")));
    assertThat(keys.stream().filter(k -> k.startsWith("auth:login-device:")).map(limits::value))
        .singleElement()
        .isEqualTo(keyed);
  }

  @Test
  void anotherKeyGivesOtherKeys() {
    InMemoryLoginLimits a = new InMemoryLoginLimits(clock);
    InMemoryLoginLimits b = new InMemoryLoginLimits(clock);
    Set<String> underA = keysAfterAFailureAndASuccess(throttle(a, KEY_A), a);
    Set<String> underB = keysAfterAFailureAndASuccess(throttle(b, KEY_B), b);

    assertThat(underA).hasSameSizeAs(underB).doesNotContainAnyElementsOf(underB);
  }

  @Test
  void forgetDropsEverythingKeptForTheNameAndNothingElse() {
    InMemoryLoginLimits limits = new InMemoryLoginLimits(clock);
    LoginThrottle throttle = throttle(limits, KEY_A);
    keysAfterAFailureAndASuccess(throttle, limits);
    String bobDevice = throttle.succeeded(throttle.check("10.0.0.9", "bob", null));
    String alice = new UsernameDigest(KEY_A).of("alice");

    throttle.forget("alice");

    // the in-flight counters are not listed: they expire a minute after the last attempt
    assertThat(limits.keys()).noneMatch(k -> k.contains(alice) && !k.endsWith(":in-flight"));
    assertThat(limits.keys().stream().map(limits::value)).doesNotContain(alice);
    // a new account with the name is known nowhere
    assertThat(throttle.check("10.0.0.2", "alice", null).known()).isFalse();
    // bob keeps his
    assertThat(throttle.check("10.0.0.9", "bob", null).known()).isTrue();
    assertThat(throttle.check("10.0.0.7", "bob", bobDevice).known()).isTrue();
  }
}
