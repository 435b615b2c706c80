package dev.passbridge.gateway.session.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Opens the gateway's Redis connection before the gateway reports ready: one revocation lookup at
 * start-up. Lettuce connects lazily, so without it the first session-checked requests after a start
 * (or a scale-out, when load is high) pay the connection's set-up inside the revocation lookup's
 * short bound ({@code passbridge.session.revocation-timeout}, 500 ms) and could be refused with
 * 503. Spring Boot marks the application ready (readiness probe {@code ACCEPTING_TRAFFIC}) only
 * after its runners have run. Redis unreachable does not stop the start: the lookup gives up after
 * {@link #TIMEOUT}, is logged, and every session check keeps failing closed until Redis answers.
 */
final class RedisWarmUp implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(RedisWarmUp.class);

  /** The longest the start waits for Redis. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final RedisRevocations revocations;

  /** The same lookup as the session check's, with the start-up bound instead of the request one. */
  RedisWarmUp(ReactiveStringRedisTemplate redis) {
    this.revocations = new RedisRevocations(redis, TIMEOUT);
  }

  @Override
  public void run(ApplicationArguments args) {
    long start = System.nanoTime();
    try {
      revocations.isRevoked("warm-up").block();
      log.info(
          "Redis connection open for session checks ({} ms)",
          (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException e) {
      log.warn(
          "Redis did not answer at start-up ({}); session checks fail closed until it does",
          e.getClass().getSimpleName());
    }
  }
}
