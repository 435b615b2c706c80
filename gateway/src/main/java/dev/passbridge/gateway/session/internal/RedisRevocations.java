package dev.passbridge.gateway.session.internal;

import java.time.Duration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * Whether auth-service revoked a session on logout: Redis key {@code session:revoked:<sid>}
 * (CONVENTIONS.md), written with a TTL of the session's remaining lifetime.
 */
public final class RedisRevocations {
  private final ReactiveStringRedisTemplate redis;
  private final String prefix;
  private final Duration timeout;

  public RedisRevocations(ReactiveStringRedisTemplate redis, String prefix, Duration timeout) {
    this.redis = redis;
    this.prefix = prefix;
    this.timeout = timeout;
  }

  /** Errors (Redis down, too slow) propagate: the caller fails closed. */
  public Mono<Boolean> isRevoked(String sessionId) {
    return redis.hasKey(prefix + sessionId).timeout(timeout).defaultIfEmpty(false);
  }
}
