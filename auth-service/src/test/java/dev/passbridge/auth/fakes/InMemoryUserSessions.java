package dev.passbridge.auth.fakes;

import dev.passbridge.auth.session.UserSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link UserSessions} in memory for unit tests, with the Redis one's rules: expired sessions are
 * forgotten, an erased user's mark lasts the guard, a close keeps the sessions it returns.
 */
public final class InMemoryUserSessions implements UserSessions {
  private final Map<UUID, Map<String, Instant>> sessions = new HashMap<>();
  private final Map<UUID, Instant> erasedUntil = new HashMap<>();

  @Override
  public synchronized boolean record(
      UUID userId, String sessionId, Instant expiresAt, Instant now) {
    Instant mark = erasedUntil.get(userId);
    if (mark != null && !mark.isBefore(now)) {
      return false;
    }
    Map<String, Instant> open = sessions.computeIfAbsent(userId, u -> new LinkedHashMap<>());
    open.values().removeIf(e -> e.isBefore(now));
    open.put(sessionId, expiresAt);
    return true;
  }

  @Override
  public synchronized List<Open> close(UUID userId, Instant now, Duration guard) {
    erasedUntil.merge(userId, now.plus(guard), (a, b) -> a.isAfter(b) ? a : b);
    Map<String, Instant> open = sessions.getOrDefault(userId, Map.of());
    return open.entrySet().stream()
        .filter(e -> !e.getValue().isBefore(now))
        .map(e -> new Open(e.getKey(), e.getValue()))
        .toList();
  }

  public synchronized List<String> of(UUID userId) {
    return List.copyOf(sessions.getOrDefault(userId, Map.of()).keySet());
  }
}
