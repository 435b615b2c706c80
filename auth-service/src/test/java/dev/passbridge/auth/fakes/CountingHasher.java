package dev.passbridge.auth.fakes;

import dev.passbridge.auth.password.PasswordHasher;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a real hasher and counts the work it does. */
public class CountingHasher implements PasswordHasher {
  private final PasswordHasher delegate;
  public final AtomicInteger hashes = new AtomicInteger();
  public final AtomicInteger verifications = new AtomicInteger();

  /** Thrown by the next verification instead of verifying (a full hashing queue, say). */
  public volatile RuntimeException failNextVerify;

  public CountingHasher(PasswordHasher delegate) {
    this.delegate = delegate;
  }

  @Override
  public String hash(CharSequence password) {
    hashes.incrementAndGet();
    return delegate.hash(password);
  }

  @Override
  public boolean verify(CharSequence password, String encodedHash) {
    RuntimeException failure = failNextVerify;
    if (failure != null) {
      failNextVerify = null;
      throw failure;
    }
    verifications.incrementAndGet();
    return delegate.verify(password, encodedHash);
  }

  @Override
  public boolean needsRehash(String encodedHash) {
    return delegate.needsRehash(encodedHash);
  }

  public void reset() {
    hashes.set(0);
    verifications.set(0);
  }
}
