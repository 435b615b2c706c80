package dev.passbridge.auth.login;

import dev.passbridge.auth.ratelimit.RateLimit;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the login limits keep their state, shared by all instances (Redis). Keys are built by
 * {@link LoginThrottle}; this port only reads and writes them, each operation in one round trip.
 */
public interface LoginLimitStore {

  /** What one attempt needs to know before it may check a password. */
  record Snapshot(
      LoginLimitPolicy.PairFailures byAddress,
      LoginLimitPolicy.PairFailures byDevice,
      RateLimit.Counter usernameFailures,
      boolean deviceKnown,
      boolean addressKnown) {}

  /**
   * @param devicePairKey the pair key of the presented device, or {@code null} without a cookie
   * @param deviceKey the presented device token's key, or {@code null} without a cookie
   * @param usernameDigest the value a device key must hold to be known for this username
   */
  Snapshot read(
      String addressPairKey,
      String devicePairKey,
      String usernameKey,
      String deviceKey,
      String knownAddressKey,
      String usernameDigest);

  /**
   * Counts a failure for the pair (remembered {@code pairMemory} after the last one) and, when
   * {@code usernameKey} is not null, for the username (fixed window {@code usernameWindow}).
   */
  void failed(
      String pairKey, Instant at, Duration pairMemory, String usernameKey, Duration usernameWindow);

  /**
   * Forgets the pair's failures, drops the device key the client presented (if any), stores the new
   * device key (value {@code usernameDigest}) and marks the address as known (skipped when {@code
   * knownAddressTtl} is zero).
   */
  void succeeded(
      String pairKey,
      String oldDeviceKey,
      String newDeviceKey,
      String usernameDigest,
      Duration deviceTtl,
      String knownAddressKey,
      Duration knownAddressTtl);
}
