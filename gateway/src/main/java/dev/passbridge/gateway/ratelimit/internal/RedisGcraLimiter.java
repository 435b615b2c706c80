package dev.passbridge.gateway.ratelimit.internal;

import dev.passbridge.gateway.ratelimit.RateLimitDecision;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * The generic cell rate algorithm in one Redis round trip: one key per rule and client holding the
 * "theoretical arrival time" (TAT), expiring when the client's allowance is full again. Shared by
 * every gateway instance, so N instances enforce one limit. Time comes from the injected clock
 * (instances should be NTP-synchronised; a skew only shifts allowances by the skew).
 */
public final class RedisGcraLimiter {

  /**
   * KEYS[1] = key; ARGV = now, emission interval, period (all ms). Returns -1 when allowed, else
   * the milliseconds until the next request would be.
   */
  static final String SCRIPT =
      """
      local now = tonumber(ARGV[1])
      local interval = tonumber(ARGV[2])
      local period = tonumber(ARGV[3])
      local tat = tonumber(redis.call('GET', KEYS[1]))
      if tat == nil or tat < now then tat = now end
      local allow_at = tat + interval - period
      if now < allow_at then
        return allow_at - now
      end
      local new_tat = tat + interval
      redis.call('SET', KEYS[1], string.format('%d', new_tat), 'PX', new_tat - now)
      return -1
      """;

  private static final RedisScript<Long> GCRA = RedisScript.of(SCRIPT, Long.class);

  private final ReactiveStringRedisTemplate redis;
  private final Clock clock;
  private final String keyPrefix;
  private final Duration timeout;

  public RedisGcraLimiter(
      ReactiveStringRedisTemplate redis, Clock clock, String keyPrefix, Duration timeout) {
    this.redis = redis;
    this.clock = clock;
    this.keyPrefix = keyPrefix;
    this.timeout = timeout;
  }

  public Mono<RateLimitDecision> acquire(RateLimitRule rule, String clientKey) {
    String key = keyPrefix + rule.name() + ":" + clientKey;
    List<String> args =
        List.of(
            Long.toString(clock.millis()),
            Long.toString(rule.emissionIntervalMillis()),
            Long.toString(rule.periodMillis()));
    return redis
        .execute(GCRA, List.of(key), args)
        .next()
        .timeout(timeout)
        .<RateLimitDecision>map(
            wait ->
                wait < 0
                    ? new RateLimitDecision.Allowed()
                    : new RateLimitDecision.Limited(Duration.ofMillis(wait)))
        .onErrorResume(
            error -> Mono.just(new RateLimitDecision.Unknown(error.getClass().getSimpleName())));
  }
}
