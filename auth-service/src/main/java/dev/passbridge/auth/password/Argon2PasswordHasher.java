package dev.passbridge.auth.password;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id (Bouncy Castle through Spring Security's encoder): 16-byte salt, 32-byte hash, encoded
 * as {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}. A semaphore bounds the hashes running at
 * once: each one holds {@code memoryKib} of heap for ~tens of milliseconds, so a login flood must
 * queue (briefly, then 503) rather than exhaust memory and CPU.
 *
 * <p>The hashes run on this hasher's own platform threads ({@code auth-argon2-*}), never on the
 * caller's thread. Requests are served by virtual threads, and a virtual thread that computes keeps
 * its carrier for the whole hash: there are only as many carriers as cores, so two hashes at once
 * stalled every other request of the JVM (all four services in the launcher) for tens of
 * milliseconds. Platform threads are time-sliced by the operating system, and the waiting virtual
 * thread gives its carrier back. Close the hasher to stop its threads.
 */
public final class Argon2PasswordHasher implements PasswordHasher, AutoCloseable {
  public static final int SALT_LENGTH = 16;
  public static final int HASH_LENGTH = 32;

  private final Argon2PasswordEncoder encoder;
  private final Semaphore slots;
  private final long queueTimeoutNanos;
  private final ExecutorService hashingThreads;

  public Argon2PasswordHasher(
      int memoryKib, int iterations, int parallelism, int maxConcurrent, Duration queueTimeout) {
    this(
        memoryKib,
        iterations,
        parallelism,
        maxConcurrent,
        queueTimeout,
        Thread.ofPlatform().daemon().name("auth-argon2-", 0).factory());
  }

  Argon2PasswordHasher(
      int memoryKib,
      int iterations,
      int parallelism,
      int maxConcurrent,
      Duration queueTimeout,
      java.util.concurrent.ThreadFactory threads) {
    this.encoder =
        new Argon2PasswordEncoder(SALT_LENGTH, HASH_LENGTH, parallelism, memoryKib, iterations);
    this.slots = new Semaphore(maxConcurrent, true);
    this.queueTimeoutNanos = queueTimeout.toNanos();
    // at most maxConcurrent tasks are ever submitted (the semaphore), so the pool never queues
    this.hashingThreads = Executors.newFixedThreadPool(maxConcurrent, threads);
  }

  public static Argon2PasswordHasher of(PasswordHashingProperties p) {
    return new Argon2PasswordHasher(
        p.memoryKib(),
        p.iterations(),
        p.parallelism(),
        p.effectiveMaxConcurrent(),
        p.queueTimeout());
  }

  @Override
  public String hash(CharSequence password) {
    return guarded(() -> encoder.encode(password));
  }

  @Override
  public boolean verify(CharSequence password, String encodedHash) {
    if (encodedHash == null || !encodedHash.startsWith("$argon2")) {
      return false;
    }
    return guarded(() -> encoder.matches(password, encodedHash));
  }

  @Override
  public boolean needsRehash(String encodedHash) {
    try {
      return encoder.upgradeEncoding(encodedHash);
    } catch (RuntimeException e) {
      return true;
    }
  }

  private <T> T guarded(Supplier<T> work) {
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
