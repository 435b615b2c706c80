package dev.passbridge.auth.password;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many password hashes run at once, and on which threads. A fair semaphore bounds the hashes in
 * flight: each one takes a core for ~tens of milliseconds and its thread's block memory, so a login
 * flood must queue (briefly, then {@link HashingCapacityExceededException}, a 503) rather than
 * exhaust memory and CPU.
 *
 * <p>The hashes run on this capacity's own platform threads, never on the caller's thread. Requests
 * are served by virtual threads, and a virtual thread that computes keeps its carrier for the whole
 * hash: there are only as many carriers as cores, so two hashes at once stalled every other request
 * of the JVM (all four services in the launcher) for tens of milliseconds. Platform threads are
 * time-sliced by the operating system, and the waiting virtual thread gives its carrier back. Close
 * it to stop its threads (and so free the memory they hold).
 */
final class HashingCapacity implements AutoCloseable {
  private final Semaphore slots;
  private final long queueTimeoutNanos;
  private final ExecutorService hashingThreads;

  HashingCapacity(int maxConcurrent, Duration queueTimeout, ThreadFactory threads) {
    this.slots = new Semaphore(maxConcurrent, true);
    this.queueTimeoutNanos = queueTimeout.toNanos();
    // at most maxConcurrent tasks are ever submitted (the semaphore), so the pool never queues
    this.hashingThreads = Executors.newFixedThreadPool(maxConcurrent, threads);
  }

  /**
   * Runs {@code work} on a hashing thread once a slot is free, and waits for its result.
   *
   * @throws HashingCapacityExceededException if no slot frees up within the queue timeout, or the
   *     caller is interrupted
   */
  <T> T run(Supplier<T> work) {
    boolean acquired;
    try {
      acquired = slots.tryAcquire(queueTimeoutNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HashingCapacityExceededException();
    }
    if (!acquired) {
      throw new HashingCapacityExceededException();
    }
    Future<T> result;
    try {
      // the slot is given back when the hash ends, even if the caller stopped waiting for it
      result =
          hashingThreads.submit(
              () -> {
                try {
                  return work.get();
                } finally {
                  slots.release();
                }
              });
    } catch (RejectedExecutionException e) {
      slots.release();
      throw new IllegalStateException("the password hasher is closed", e);
    }
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HashingCapacityExceededException();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Stops the hashing threads (hashes already running finish). */
  @Override
  public void close() {
    hashingThreads.shutdown();
  }
}
