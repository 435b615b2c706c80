package dev.passbridge.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.auth.IntegrationTestBase;
import dev.passbridge.auth.session.UserSessions.Open;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The session index's scripts on a real Redis: expired sessions are dropped as new ones come (the
 * set holds only live sessions however often a user signs in), the key lives as long as the newest
 * session, a close returns the live sessions and keeps them (a retry gets them again), the erased
 * mark refuses sessions until the guard ends, and another user is untouched.
 */
class RedisUserSessionsIT extends IntegrationTestBase {
  @Autowired UserSessions sessions;

  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

  private String key(UUID user) {
    return "auth:user-sessions:" + user;
  }

  @Test
  void keepsOnlyLiveSessionsAndLivesAsLongAsTheNewest() {
    UUID user = UUID.randomUUID();
    assertThat(sessions.record(user, "s-old", T0.plus(Duration.ofMinutes(10)), T0)).isTrue();
    assertThat(sessions.record(user, "s-new", T0.plus(Duration.ofHours(1)), T0)).isTrue();
    // 20 minutes later the first has expired: the next record drops it
    Instant later = T0.plus(Duration.ofMinutes(20));
    assertThat(sessions.record(user, "s-later", later.plus(Duration.ofHours(1)), later)).isTrue();
    assertThat(redis.opsForZSet().range(key(user), 0, -1))
        .containsExactlyInAnyOrder("s-new", "s-later");
    assertThat(redis.getExpire(key(user))).isBetween(3500L, 3600L);
  }

  @Test
  void aCloseReturnsTheLiveSessionsKeepsThemAndRefusesNewOnesUntilTheGuardEnds() {
    UUID user = UUID.randomUUID();
    UUID neighbour = UUID.randomUUID();
    Instant expires = T0.plus(Duration.ofMinutes(30));
    sessions.record(user, "s-phone", expires, T0);
    sessions.record(user, "s-laptop", T0.plus(Duration.ofMinutes(40)), T0);
    sessions.record(neighbour, "s-bob", expires, T0);

    Instant now = T0.plus(Duration.ofMinutes(5));
    assertThat(sessions.close(user, now, Duration.ofHours(1)))
        .containsExactlyInAnyOrder(
            new Open("s-phone", expires), new Open("s-laptop", T0.plus(Duration.ofMinutes(40))));
    // a retry (a revocation failed the first time) gets the same sessions
    assertThat(sessions.close(user, now.plusSeconds(2), Duration.ofHours(1)))
        .extracting(Open::sessionId)
        .containsExactlyInAnyOrder("s-phone", "s-laptop");
    // a login completing meanwhile gets no session; the neighbour's do
    assertThat(sessions.record(user, "s-late", now.plus(Duration.ofHours(1)), now)).isFalse();
    assertThat(sessions.record(neighbour, "s-bob-2", now.plus(Duration.ofHours(1)), now)).isTrue();
    assertThat(redis.getExpire(key(user)))
        .as("the mark outlives the guard's start")
        .isGreaterThan(3500L);
    // after the guard a new account's sessions (the same id is never reissued, but the rule holds)
    Instant after = now.plus(Duration.ofHours(1)).plusSeconds(5); // the retry moved the mark 2 s on
    assertThat(sessions.record(user, "s-after", after.plus(Duration.ofHours(1)), after)).isTrue();
  }
}
