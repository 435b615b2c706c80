package dev.passbridge.auth.password;

/**
 * Too many password hashes are already running and the wait for a slot ran out: the service is
 * overloaded (answered 503 with Retry-After), not the caller's fault.
 */
public class HashingCapacityExceededException extends RuntimeException {
  public HashingCapacityExceededException() {
    super("password hashing capacity exhausted", null, false, false);
  }
}
