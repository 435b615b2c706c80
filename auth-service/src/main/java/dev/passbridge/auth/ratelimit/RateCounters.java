package dev.passbridge.auth.ratelimit;

import java.time.Duration;

/** Fixed-window counters shared by all instances (Redis). */
public interface RateCounters {

  /** Counts one event in {@code key}'s window (opened with {@code window} if none is open). */
  RateLimit.Counter hit(String key, Duration window);

  /** Counts one event in {@code hitKey} and reads {@code peekKey}, in one round trip. */
  RateLimit.Counter[] hitAndPeek(String hitKey, Duration window, String peekKey);

  void reset(String key);
}
