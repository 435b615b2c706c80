package dev.passbridge.passkey.upgrade;

import dev.passbridge.passkey.ceremony.CeremonyStore;
import dev.passbridge.passkey.ceremony.UpgradeDecision;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a login's upgrade decision without holding a request thread: a few scheduler threads
 * look into Redis every {@code pollInterval} until the decision is there or the wait is over. Redis
 * is the only state, so the instance that consumed the event and the one answering may differ.
 */
public class DecisionWaiter {
  private final CeremonyStore store;
  private final ScheduledExecutorService scheduler;
  private final Duration pollInterval;

  public DecisionWaiter(
      CeremonyStore store, ScheduledExecutorService scheduler, Duration pollInterval) {
    this.store = store;
    this.scheduler = scheduler;
    this.pollInterval = pollInterval;
  }

  /** Completes with the decision, or empty when none arrived within {@code wait}. */
  public CompletableFuture<Optional<UpgradeDecision>> await(
      String loginId, UUID userId, Duration wait) {
    CompletableFuture<Optional<UpgradeDecision>> result = new CompletableFuture<>();
    long deadline = System.nanoTime() + wait.toNanos();
    Runnable poll =
        new Runnable() {
          @Override
          public void run() {
            if (result.isDone()) {
              return;
            }
            try {
              // a decision of another user's login is never shown (and never waited for)
              Optional<UpgradeDecision> decision =
                  store.decision(loginId).filter(d -> d.userId().equals(userId));
              if (decision.isPresent() || System.nanoTime() >= deadline) {
                result.complete(decision);
              } else {
                scheduler.schedule(this, pollInterval.toNanos(), TimeUnit.NANOSECONDS);
              }
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          }
        };
    scheduler.execute(poll);
    return result;
  }
}
