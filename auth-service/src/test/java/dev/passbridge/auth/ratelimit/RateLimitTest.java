package dev.passbridge.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private final RateLimit limit = new RateLimit(3, Duration.ofMinutes(1));

  @Test
  void allowsUpToTheLimitIncludingTheCurrentEvent() {
    assertThat(limit.afterHit(new RateLimit.Counter(3, Duration.ofSeconds(40))))
        .isInstanceOf(RateLimit.Decision.Allowed.class);
    assertThat(limit.afterHit(new RateLimit.Counter(4, Duration.ofSeconds(40))))
        .isEqualTo(new RateLimit.Decision.Limited(Duration.ofSeconds(40)));
  }

  @Test
  void refusesOnceThePastEventsReachTheLimit() {
    assertThat(limit.beforeHit(new RateLimit.Counter(2, Duration.ofSeconds(10))))
        .isInstanceOf(RateLimit.Decision.Allowed.class);
    assertThat(limit.beforeHit(new RateLimit.Counter(3, Duration.ofSeconds(10))))
        .isEqualTo(new RateLimit.Decision.Limited(Duration.ofSeconds(10)));
  }

  @Test
  void neverSaysRetryInZeroSeconds() {
    assertThat(limit.afterHit(new RateLimit.Counter(9, Duration.ZERO)))
        .isEqualTo(new RateLimit.Decision.Limited(Duration.ofMinutes(1)));
  }
}
