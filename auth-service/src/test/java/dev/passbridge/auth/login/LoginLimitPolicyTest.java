package dev.passbridge.auth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.auth.fakes.MutableClock;
import dev.passbridge.auth.ratelimit.RateLimit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The login limits as plain decisions, on a clock the test moves. */
class LoginLimitPolicyTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  private final LoginLimitPolicy policy =
      new LoginLimitPolicy(
          5,
          Duration.ofSeconds(5),
          Duration.ofMinutes(15),
          new RateLimit(10, Duration.ofMinutes(15)),
          clock);

  private LoginLimitPolicy.PairFailures failuresNow(long count) {
    return new LoginLimitPolicy.PairFailures(count, clock.instant());
  }

  private static RateLimit.Counter usernameFailures(long count) {
    return new RateLimit.Counter(count, Duration.ofMinutes(12));
  }

  @Test
  void theFirstFailuresAreFreeThenTheBackOffDoublesUpToTheCap() {
    assertThat(policy.delayAfter(0)).isZero();
    assertThat(policy.delayAfter(4)).isZero();
    assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(5));
    assertThat(policy.delayAfter(6)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.delayAfter(9)).isEqualTo(Duration.ofSeconds(80));
    assertThat(policy.delayAfter(12)).isEqualTo(Duration.ofSeconds(640));
    assertThat(policy.delayAfter(13)).isEqualTo(Duration.ofMinutes(15));
    assertThat(policy.delayAfter(Long.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void aClientInItsBackOffIsRefusedForTheRestOfItAndAllowedAfterwards() {
    var pair = failuresNow(6); // 10 s back-off from now
    clock.advance(Duration.ofSeconds(3));

    assertThat(policy.decide(pair, usernameFailures(0), false))
        .isEqualTo(new RateLimit.Decision.Limited(Duration.ofSeconds(7)));

    clock.advance(Duration.ofSeconds(7));
    assertThat(policy.decide(pair, usernameFailures(0), false))
        .isInstanceOf(RateLimit.Decision.Allowed.class);
  }

  @Test
  void attemptsInFlightCountAsFailuresMadeNow() {
    // an hour-old record of 2 failures: long out of any back-off
    var old = new LoginLimitPolicy.PairFailures(2, clock.instant().minus(Duration.ofHours(1)));
    assertThat(policy.withInFlight(old, 0)).isSameAs(old);
    // with 3 in flight the pair stands at 5 failures, the last one now: the 5 s back-off applies
    var busy = policy.withInFlight(old, 3);
    assertThat(busy).isEqualTo(new LoginLimitPolicy.PairFailures(5, clock.instant()));
    assertThat(policy.decide(busy, usernameFailures(0), false))
        .isEqualTo(new RateLimit.Decision.Limited(Duration.ofSeconds(5)));
    assertThat(policy.decide(policy.withInFlight(old, 2), usernameFailures(0), false))
        .isInstanceOf(RateLimit.Decision.Allowed.class);
    // a failure recorded in the future of this clock (another instance's) stays the later one
    var ahead = new LoginLimitPolicy.PairFailures(1, clock.instant().plusSeconds(2));
    assertThat(policy.withInFlight(ahead, 1).lastAt()).isEqualTo(ahead.lastAt());

    // the username: 8 counted and 2 in flight reach the limit of 10
    var users = LoginLimitPolicy.withInFlight(usernameFailures(8), 2);
    assertThat(users).isEqualTo(usernameFailures(10));
    assertThat(policy.decide(LoginLimitPolicy.PairFailures.NONE, users, false))
        .isEqualTo(new RateLimit.Decision.Limited(Duration.ofMinutes(12)));
    assertThat(policy.decide(LoginLimitPolicy.PairFailures.NONE, users, true))
        .isInstanceOf(RateLimit.Decision.Allowed.class);
  }

  @Test
  void freeFailuresAreNeverRefusedByThePair() {
    assertThat(policy.decide(failuresNow(4), usernameFailures(0), false))
        .isInstanceOf(RateLimit.Decision.Allowed.class);
  }

  @Test
  void theUsernameLimitRefusesStrangersButNotKnownClients() {
    assertThat(policy.decide(LoginLimitPolicy.PairFailures.NONE, usernameFailures(9), false))
        .isInstanceOf(RateLimit.Decision.Allowed.class);
    assertThat(policy.decide(LoginLimitPolicy.PairFailures.NONE, usernameFailures(10), false))
        .isEqualTo(new RateLimit.Decision.Limited(Duration.ofMinutes(12)));
    assertThat(policy.decide(LoginLimitPolicy.PairFailures.NONE, usernameFailures(10_000), true))
        .isInstanceOf(RateLimit.Decision.Allowed.class);
  }

  @Test
  void aKnownClientStillHasItsOwnBackOff() {
    assertThat(policy.decide(failuresNow(5), usernameFailures(0), true))
        .isEqualTo(new RateLimit.Decision.Limited(Duration.ofSeconds(5)));
  }

  @Test
  void theLongerRefusalWins() {
    assertThat(policy.decide(failuresNow(13), usernameFailures(10), false))
        .isEqualTo(new RateLimit.Decision.Limited(Duration.ofMinutes(15)));
    assertThat(policy.decide(failuresNow(5), usernameFailures(10), false))
        .isEqualTo(new RateLimit.Decision.Limited(Duration.ofMinutes(12)));
  }

  @Test
  void oneStrangerAddsAtMostItsFreeFailuresToTheUsernameAndAKnownClientNone() {
    assertThat(policy.countsForUsername(0, false)).isTrue();
    assertThat(policy.countsForUsername(4, false)).isTrue();
    assertThat(policy.countsForUsername(5, false)).isFalse();
    assertThat(policy.countsForUsername(50, false)).isFalse();
    assertThat(policy.countsForUsername(0, true)).isFalse();
  }

  @Test
  void refusesSettingsThatLetOneAddressShutOutEveryStranger() {
    assertThatThrownBy(
            () ->
                new LoginLimitPolicy(
                    10,
                    Duration.ofSeconds(5),
                    Duration.ofMinutes(15),
                    new RateLimit(10, Duration.ofMinutes(15)),
                    clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new LoginLimitPolicy(
                    3,
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(1),
                    new RateLimit(10, Duration.ofMinutes(15)),
                    clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
