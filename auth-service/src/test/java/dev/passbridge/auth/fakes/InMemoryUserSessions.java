package dev.passbridge.auth.fakes;

import dev.passbridge.auth.session.UserSessions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@link UserSessions} in memory for unit tests (no expiry: the tests do not outlive a guard). */
public final class InMemoryUserSessions implements UserSessions {
  private final Map<UUID, List<String>> sessions = new HashMap<>();
  private final Set<UUID> erased = new HashSet<>();

  @Override
  public synchronized boolean record(UUID userId, String sessionId, Duration keep) {
    if (erased.contains(userId)) {
      return false;
    }
    sessions.computeIfAbsent(userId, u -> new ArrayList<>()).add(sessionId);
    return true;
  }

  @Override
  public synchronized List<String> close(UUID userId, Duration guard) {
    erased.add(userId);
    List<String> ids = sessions.remove(userId);
    return ids == null ? List.of() : ids;
  }

  public synchronized List<String> of(UUID userId) {
    return List.copyOf(sessions.getOrDefault(userId, List.of()));
  }
}
