package dev.passbridge.auth.login;

import dev.passbridge.auth.ratelimit.RateLimit;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the login limits keep their state, shared by all instances (Redis). Keys are built by
 * {@link LoginThrottle}; this port only reads and writes them, each operation in one round trip.
 *
 * <p>An attempt is <b>in flight</b> from {@link #reserve} until {@link #failed}, {@link #succeeded}
 * or {@link #release}: its password is being checked. The in-flight counters (one per pair; one per
 * username, for clients not known for it) expire {@code inFlightTtl} after their last reservation,
 * so the reservations of an instance that died are gone within that time.
 *
 * <p>A username's <b>index</b> lists its keys that name an address or a device (pairs with a
 * failure, known addresses, device keys), each scored by when it expires (epoch millis); every
 * write of such a key adds it there and drops the entries that have expired, so the index stays as
 * small as what is alive. {@link #forget} reads it instead of scanning Redis.
 */
public interface LoginLimitStore {

  /**
   * What one attempt needs to know before it may check a password.
   *
   * @param pairInFlight attempts in flight on the pair this one was reserved on (the device's pair
   *     when the device is known for the username, else the address's), not counting this one
   * @param usernameInFlight attempts of clients not known for the username in flight on it, not
   *     counting this one; 0 when this client is known (it is not reserved there)
   */
  record Snapshot(
      LoginLimitPolicy.PairFailures byAddress,
      LoginLimitPolicy.PairFailures byDevice,
      RateLimit.Counter usernameFailures,
      boolean deviceKnown,
      boolean addressKnown,
      long pairInFlight,
      long usernameInFlight) {}

  /**
   * The keys of one attempt.
   *
   * @param devicePair the pair key of the presented device, or {@code null} without a cookie
   * @param device the presented device token's key, or {@code null} without a cookie
   * @param usernameDigest the value a device key must hold to be known for this username
   */
  record Keys(
      String addressPair,
      String devicePair,
      String username,
      String device,
      String knownAddress,
      String usernameDigest) {}

  /**
   * Reads what the attempt needs and, in the same step, reserves it: one more in flight on its pair
   * and, for a client not known for the username, on the username. Concurrent attempts thus see
   * each other; without it fifty guesses sent at once all read the same counts and all got through.
   */
  Snapshot reserve(Keys keys, Duration inFlightTtl);

  /**
   * Ends the attempt as a failure: counts it for the pair (remembered {@code pairMemory} after the
   * last one) and, when {@code countForUsername}, for the username (fixed window {@code
   * usernameWindow}).
   *
   * @param reservedOnUsername whether {@link #reserve} counted it in flight on the username
   * @param indexKey the username's index, where the pair is listed
   */
  void failed(
      String pairKey,
      String usernameKey,
      boolean countForUsername,
      boolean reservedOnUsername,
      String indexKey,
      Instant at,
      Duration pairMemory,
      Duration usernameWindow);

  /**
   * Ends the attempt without an outcome: it was refused after all, or its check could not be made
   * (the hashing queue was full).
   */
  void release(String pairKey, String usernameKey, boolean reservedOnUsername);

  /**
   * Ends the attempt as a success: forgets the pair's failures, drops the device key the client
   * presented (if any), stores the new device key (value {@code usernameDigest}) and marks the
   * address as known (skipped when {@code knownAddressTtl} is zero); the username's index follows
   * (the pair and the old device out, the new device and the address in, expiring from {@code at}).
   */
  void succeeded(
      String pairKey,
      String usernameKey,
      boolean reservedOnUsername,
      String oldDeviceKey,
      String newDeviceKey,
      String usernameDigest,
      Duration deviceTtl,
      String knownAddressKey,
      Duration knownAddressTtl,
      String indexKey,
      Instant at);

  /**
   * Deletes a username's state: every key its index lists (with the in-flight counter beside it),
   * the index, and the username's failure counter with its in-flight counter. No scan.
   */
  void forget(String indexKey, String usernameKey);
}
