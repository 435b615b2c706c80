package dev.passbridge.passkey.outbox.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

/**
 * Sends again, every {@code resubmitEvery}, the outbox's publications whose send failed. Without it
 * a publication that Kafka refused (a broker away for longer than the producer waits: 5 s for
 * metadata, 10 s to deliver) stayed in {@code event_publication}, marked failed, until the next
 * start of an instance ({@code republish-outstanding-events-on-restart}): a deleted passkey kept
 * counting as a passkey for auth-service and intelligence-service meanwhile. spring-modulith
 * records the failure and offers the resubmission ({@link FailedEventPublications}) but schedules
 * none; this does, on one virtual thread, started and stopped with the context. Every instance runs
 * it: a publication sent twice is the same event (its {@code eventId}), which every consumer
 * deduplicates.
 */
final class OutboxRelay implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final FailedEventPublications failed;
  private final Duration every;
  private volatile ScheduledExecutorService scheduler;

  OutboxRelay(FailedEventPublications failed, Duration every) {
    this.failed = failed;
    this.every = every;
  }

  /** Sends the failed publications again (each at most once per call). */
  void resubmit() {
    try {
      failed.resubmit(ResubmissionOptions.defaults());
    } catch (RuntimeException e) {
      // the database or the broker is away: the next round tries again (the class only: no ids)
      log.warn("outbox: failed publications not sent again this round: {}", e.getClass().getName());
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("outbox-relay").factory());
    s.scheduleWithFixedDelay(
        this::resubmit, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    scheduler = s;
  }

  @Override
  public void stop() {
    ScheduledExecutorService s = scheduler;
    scheduler = null;
    if (s != null) {
      s.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
