package dev.passbridge.gateway.ratelimit;

import java.time.Duration;

/** The outcome of asking for one request under a rule: a value, not an exception. */
public sealed interface RateLimitDecision {
  record Allowed() implements RateLimitDecision {}

  record Limited(Duration retryAfter) implements RateLimitDecision {}

  /** The limiter could not answer (Redis unavailable); the filter applies the fail-open setting. */
  record Unknown(String reason) implements RateLimitDecision {}
}
