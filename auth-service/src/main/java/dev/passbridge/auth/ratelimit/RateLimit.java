package dev.passbridge.auth.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code limit} events per fixed {@code window} (the window starts with its first event). A
 * fixed window lets a client spend up to twice the limit across a window boundary; for login
 * throttling, where the point is to make online guessing slow, that is an acceptable price for one
 * Redis round trip per check.
 */
public record RateLimit(int limit, Duration window) {
  public RateLimit {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive");
    }
  }

  /**
   * The decision for a counter that already includes the current event ({@code count} events so far
   * in the window).
   */
  public Decision afterHit(Counter counter) {
    return counter.count() > limit ? new Decision.Limited(counter.retryAfter(window)) : ALLOWED;
  }

  /** The decision for a counter of past events: refused once {@code limit} is reached. */
  public Decision beforeHit(Counter counter) {
    return counter.count() >= limit ? new Decision.Limited(counter.retryAfter(window)) : ALLOWED;
  }

  private static final Decision ALLOWED = new Decision.Allowed();

  /** Events counted in the current window and the time until the window resets. */
  public record Counter(long count, Duration resetsIn) {
    public static final Counter ZERO = new Counter(0, Duration.ZERO);

    Duration retryAfter(Duration window) {
      // a counter without an expiry would be a bug in the store; never answer "retry in 0 s"
      return resetsIn.isNegative() || resetsIn.isZero() ? window : resetsIn;
    }
  }

  public sealed interface Decision {
    record Allowed() implements Decision {}

    record Limited(Duration retryAfter) implements Decision {}
  }
}
