package dev.passbridge.auth.erasure.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The erasure's second forgetting of a name's login limits, {@code delay} after the first: owned by
 * the application context, so that it never runs against a closed one. When the context closes,
 * what is still waiting runs at once (best effort: a login still checking a password may write
 * after it); a JVM killed in that minute loses it, and such a late write is left to its TTL.
 */
final class LateForgetting implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LateForgetting.class);

  private final Consumer<String> forget;
  private final Duration delay;
  private final ScheduledExecutorService scheduler;
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();

  LateForgetting(Consumer<String> forget, Duration delay) {
    this.forget = forget;
    this.delay = delay;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofVirtual().name("erasure-forget-again").factory());
    executor.setRemoveOnCancelPolicy(true);
    this.scheduler = executor;
  }

  /** Forgets {@code usernameKey}'s limits once more after the delay. */
  void later(String usernameKey) {
    waiting.add(usernameKey);
    scheduler.schedule(
        () -> {
          if (waiting.remove(usernameKey)) {
            forgetQuietly(usernameKey);
          }
        },
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void forgetQuietly(String usernameKey) {
    try {
      forget.accept(usernameKey);
    } catch (RuntimeException e) {
      // the failure's class only (a message could name a key); the state expires with its TTLs
      log.warn(
          "login limits of an erased account not forgotten the second time, left to expire: {}",
          e.getClass().getName());
    }
  }

  /** Runs what is still waiting now, then stops. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    List<String> now = List.copyOf(waiting);
    waiting.removeAll(now);
    if (!now.isEmpty()) {
      log.info("forgetting the login limits of {} erased account(s) now, at shutdown", now.size());
      now.forEach(this::forgetQuietly);
    }
  }
}
