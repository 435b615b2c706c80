package dev.passbridge.auth.session.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/**
 * The waiters of this instance, woken by Redis pub/sub: whichever instance's consumer completes a
 * login publishes its loginId on one channel, and every instance completes the futures registered
 * for it. No thread blocks while a request waits.
 */
public class CompletionSignals implements MessageListener {
  private final Map<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();

  /** Register before checking the state, so a completion in between is not missed. */
  public CompletableFuture<Void> register(String loginId) {
    CompletableFuture<Void> signal = new CompletableFuture<>();
    waiters.computeIfAbsent(loginId, k -> ConcurrentHashMap.newKeySet()).add(signal);
    return signal;
  }

  public void unregister(String loginId, CompletableFuture<Void> signal) {
    waiters.computeIfPresent(
        loginId,
        (k, set) -> {
          set.remove(signal);
          return set.isEmpty() ? null : set;
        });
  }

  @Override
  public void onMessage(Message message, byte[] pattern) {
    signal(new String(message.getBody(), StandardCharsets.UTF_8));
  }

  void signal(String loginId) {
    Set<CompletableFuture<Void>> set = waiters.get(loginId);
    if (set != null) {
      set.forEach(f -> f.complete(null));
    }
  }

  int waiting() {
    return waiters.values().stream().mapToInt(Set::size).sum();
  }
}
