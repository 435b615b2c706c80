package dev.passbridge.gateway.session.internal;

import dev.passbridge.platform.core.session.SessionRevocations;
import java.time.Duration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * The reactive Redis adapter of the revocation rule ({@link SessionRevocations}: the key {@code
 * session:revoked:<sid>} auth-service writes on logout, docs/CONVENTIONS.md, with a TTL of the
 * session's remaining lifetime). Non-blocking, so it answers a {@link Mono} rather than
 * implementing the blocking port; a failure or timeout is an error the caller turns into 503 (fail
 * closed), never "not revoked".
 */
public final class RedisRevocations {
  private final ReactiveStringRedisTemplate redis;
  private final Duration timeout;

  public RedisRevocations(ReactiveStringRedisTemplate redis, Duration timeout) {
    this.redis = redis;
    this.timeout = timeout;
  }

  /** Errors (Redis down, too slow) propagate: the caller fails closed. */
  public Mono<Boolean> isRevoked(String sessionId) {
    return redis.hasKey(SessionRevocations.key(sessionId)).timeout(timeout).defaultIfEmpty(false);
  }
}
