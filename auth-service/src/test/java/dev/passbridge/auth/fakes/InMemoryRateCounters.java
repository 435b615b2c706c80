package dev.passbridge.auth.fakes;

import dev.passbridge.auth.ratelimit.RateCounters;
import dev.passbridge.auth.ratelimit.RateLimit;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Fixed-window counters without expiry (unit tests only; ITs use Redis). */
public class InMemoryRateCounters implements RateCounters {
  private final Map<String, Long> counts = new HashMap<>();
  private final Map<String, Duration> windows = new HashMap<>();

  @Override
  public synchronized RateLimit.Counter hit(String key, Duration window) {
    long count = counts.merge(key, 1L, Long::sum);
    windows.putIfAbsent(key, window);
    return new RateLimit.Counter(count, windows.get(key));
  }

  @Override
  public synchronized RateLimit.Counter[] hitAndPeek(
      String hitKey, Duration window, String peekKey) {
    RateLimit.Counter hit = hit(hitKey, window);
    long peek = counts.getOrDefault(peekKey, 0L);
    return new RateLimit.Counter[] {
      hit, new RateLimit.Counter(peek, windows.getOrDefault(peekKey, Duration.ZERO))
    };
  }

  @Override
  public synchronized void reset(String key) {
    counts.remove(key);
    windows.remove(key);
  }

  public synchronized long count(String keyPrefix) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().startsWith(keyPrefix))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
