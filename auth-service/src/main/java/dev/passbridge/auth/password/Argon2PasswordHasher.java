package dev.passbridge.auth.password;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id (Bouncy Castle through Spring Security's encoder): 16-byte salt, 32-byte hash, encoded
 * as {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}. A semaphore bounds the hashes running at
 * once: each one holds {@code memoryKib} of heap for ~tens of milliseconds, so a login flood must
 * queue (briefly, then 503) rather than exhaust memory and CPU.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
  public static final int SALT_LENGTH = 16;
  public static final int HASH_LENGTH = 32;

  private final Argon2PasswordEncoder encoder;
  private final Semaphore slots;
  private final long queueTimeoutNanos;

  public Argon2PasswordHasher(
      int memoryKib, int iterations, int parallelism, int maxConcurrent, Duration queueTimeout) {
    this.encoder =
        new Argon2PasswordEncoder(SALT_LENGTH, HASH_LENGTH, parallelism, memoryKib, iterations);
    this.slots = new Semaphore(maxConcurrent, true);
    this.queueTimeoutNanos = queueTimeout.toNanos();
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
    try {
      return work.get();
    } finally {
      slots.release();
    }
  }
}
