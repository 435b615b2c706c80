package dev.passbridge.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.ratelimit.internal.RateLimitRule;
import dev.passbridge.gateway.ratelimit.internal.RedisGcraLimiter;
import dev.passbridge.gateway.support.MutableClock;
import dev.passbridge.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** The GCRA script against the real Redis server, with a controllable clock. */
class RedisGcraLimiterIT {
  private static LettuceConnectionFactory connections;
  private static ReactiveStringRedisTemplate redis;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final RateLimitRule fivePerMinute =
      RateLimitRule.of(
          "test-" + UUID.randomUUID(),
          new RateLimitProperties.Rule("POST", "/api/auth/login", 5, Duration.ofMinutes(1)));

  @BeforeAll
  static void connect() {
    connections =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration("127.0.0.1", TestInfrastructure.redisPort()));
    connections.afterPropertiesSet();
    connections.start();
    redis = new ReactiveStringRedisTemplate(connections);
  }

  @AfterAll
  static void disconnect() {
    connections.destroy();
  }

  private RedisGcraLimiter limiter() {
    return new RedisGcraLimiter(redis, clock, "gw:rl:it:", Duration.ofSeconds(2));
  }

  @Test
  void allowsABurstUpToTheLimitThenAsksToWaitOneInterval() {
    RedisGcraLimiter limiter = limiter();
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.acquire(fivePerMinute, "198.51.100.7").block())
          .isInstanceOf(RateLimitDecision.Allowed.class);
    }
    RateLimitDecision limited = limiter.acquire(fivePerMinute, "198.51.100.7").block();
    assertThat(limited).isEqualTo(new RateLimitDecision.Limited(Duration.ofSeconds(12)));
  }

  @Test
  void countsEachClientSeparately() {
    RedisGcraLimiter limiter = limiter();
    for (int i = 0; i < 5; i++) {
      limiter.acquire(fivePerMinute, "198.51.100.7").block();
    }
    assertThat(limiter.acquire(fivePerMinute, "198.51.100.7").block())
        .isInstanceOf(RateLimitDecision.Limited.class);
    assertThat(limiter.acquire(fivePerMinute, "198.51.100.8").block())
        .isInstanceOf(RateLimitDecision.Allowed.class);
  }

  @Test
  void refillsOneRequestPerIntervalAndRejectedRequestsCostNothing() {
    RedisGcraLimiter limiter = limiter();
    for (int i = 0; i < 5; i++) {
      limiter.acquire(fivePerMinute, "c").block();
    }
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.acquire(fivePerMinute, "c").block())
          .isInstanceOf(RateLimitDecision.Limited.class);
    }
    clock.advance(Duration.ofSeconds(12));
    assertThat(limiter.acquire(fivePerMinute, "c").block())
        .isInstanceOf(RateLimitDecision.Allowed.class);
    assertThat(limiter.acquire(fivePerMinute, "c").block())
        .isEqualTo(new RateLimitDecision.Limited(Duration.ofSeconds(12)));
    clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.acquire(fivePerMinute, "c").block())
          .isInstanceOf(RateLimitDecision.Allowed.class);
    }
  }

  @Test
  void keysExpireWhenTheAllowanceIsFullAgain() {
    limiter().acquire(fivePerMinute, "expiring").block();
    Duration ttl = redis.getExpire("gw:rl:it:" + fivePerMinute.name() + ":expiring").block();
    assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void reportsUnknownWhenRedisCannotBeReached() {
    LettuceConnectionFactory dead =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration("127.0.0.1", TestInfrastructure.freePort()));
    dead.afterPropertiesSet();
    dead.start();
    try {
      RedisGcraLimiter limiter =
          new RedisGcraLimiter(
              new ReactiveStringRedisTemplate(dead), clock, "gw:rl:it:", Duration.ofSeconds(2));
      assertThat(limiter.acquire(fivePerMinute, "c").block())
          .isInstanceOf(RateLimitDecision.Unknown.class);
    } finally {
      dead.destroy();
    }
  }
}
