package dev.passbridge.auth.fakes;

import dev.passbridge.auth.login.LoginLimitPolicy;
import dev.passbridge.auth.login.LoginLimitStore;
import dev.passbridge.auth.ratelimit.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@link LoginLimitStore} in memory, expiring on the given clock (unit tests; ITs use Redis). */
public class InMemoryLoginLimits implements LoginLimitStore {
  private record Entry(long count, Instant last, String value, Instant expiresAt) {}

  private final Map<String, Entry> entries = new HashMap<>();
  private final Map<String, Set<String>> indexes = new HashMap<>();
  private final Clock clock;

  public InMemoryLoginLimits(Clock clock) {
    this.clock = clock;
  }

  private Entry get(String key) {
    if (key == null) {
      return null;
    }
    Entry e = entries.get(key);
    if (e != null && !clock.instant().isBefore(e.expiresAt())) {
      entries.remove(key);
      return null;
    }
    return e;
  }

  private LoginLimitPolicy.PairFailures pair(String key) {
    Entry e = get(key);
    return e == null
        ? LoginLimitPolicy.PairFailures.NONE
        : new LoginLimitPolicy.PairFailures(e.count(), e.last());
  }

  private static String inFlight(String key) {
    return key + ":in-flight";
  }

  private long reserve(String key, Duration ttl) {
    Entry e = get(inFlight(key));
    long before = e == null ? 0 : e.count();
    entries.put(inFlight(key), new Entry(before + 1, null, null, clock.instant().plus(ttl)));
    return before;
  }

  private void land(String key) {
    Entry e = get(inFlight(key));
    if (e != null && e.count() > 0) {
      entries.put(inFlight(key), new Entry(e.count() - 1, null, null, e.expiresAt()));
    }
  }

  @Override
  public synchronized Snapshot reserve(Keys k, Duration inFlightTtl) {
    Entry user = get(k.username());
    Entry device = get(k.device());
    boolean deviceKnown = device != null && k.usernameDigest().equals(device.value());
    boolean addressKnown = get(k.knownAddress()) != null;
    long pairInFlight = reserve(deviceKnown ? k.devicePair() : k.addressPair(), inFlightTtl);
    long usernameInFlight = deviceKnown || addressKnown ? 0 : reserve(k.username(), inFlightTtl);
    return new Snapshot(
        pair(k.addressPair()),
        pair(k.devicePair()),
        user == null
            ? RateLimit.Counter.ZERO
            : new RateLimit.Counter(
                user.count(), Duration.between(clock.instant(), user.expiresAt())),
        deviceKnown,
        addressKnown,
        pairInFlight,
        usernameInFlight);
  }

  @Override
  public synchronized void failed(
      String pairKey,
      String usernameKey,
      boolean countForUsername,
      boolean reservedOnUsername,
      String indexKey,
      Instant at,
      Duration pairMemory,
      Duration usernameWindow) {
    release(pairKey, usernameKey, reservedOnUsername);
    Entry p = get(pairKey);
    Instant last = p == null || at.isAfter(p.last()) ? at : p.last();
    entries.put(
        pairKey,
        new Entry(p == null ? 1 : p.count() + 1, last, null, clock.instant().plus(pairMemory)));
    index(indexKey).add(pairKey);
    if (countForUsername) {
      Entry u = get(usernameKey);
      entries.put(
          usernameKey,
          u == null
              ? new Entry(1, null, null, clock.instant().plus(usernameWindow))
              : new Entry(u.count() + 1, null, null, u.expiresAt()));
    }
  }

  @Override
  public synchronized void release(String pairKey, String usernameKey, boolean reservedOnUsername) {
    land(pairKey);
    if (reservedOnUsername) {
      land(usernameKey);
    }
  }

  @Override
  public synchronized void succeeded(
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
      Instant at) {
    release(pairKey, usernameKey, reservedOnUsername);
    entries.remove(pairKey);
    if (oldDeviceKey != null) {
      entries.remove(oldDeviceKey);
    }
    entries.put(newDeviceKey, new Entry(0, null, usernameDigest, clock.instant().plus(deviceTtl)));
    index(indexKey).remove(pairKey);
    index(indexKey).remove(oldDeviceKey);
    index(indexKey).add(newDeviceKey);
    if (knownAddressTtl.isPositive()) {
      entries.put(knownAddressKey, new Entry(0, null, "1", clock.instant().plus(knownAddressTtl)));
      index(indexKey).add(knownAddressKey);
    }
  }

  @Override
  public synchronized void forget(String indexKey, String usernameKey) {
    Set<String> indexed = indexes.remove(indexKey);
    if (indexed != null) {
      for (String key : indexed) {
        entries.remove(key);
        entries.remove(inFlight(key));
      }
    }
    entries.remove(usernameKey);
    entries.remove(inFlight(usernameKey));
  }

  private Set<String> index(String indexKey) {
    return indexes.computeIfAbsent(indexKey, k -> new HashSet<>());
  }

  public synchronized void clear() {
    entries.clear();
    indexes.clear();
  }

  /** The keys held now (expired ones excepted), indexes included. */
  public synchronized Set<String> keys() {
    Set<String> keys = new HashSet<>();
    entries.forEach(
        (key, e) -> {
          if (clock.instant().isBefore(e.expiresAt())) {
            keys.add(key);
          }
        });
    indexes.forEach(
        (key, members) -> {
          if (!members.isEmpty()) {
            keys.add(key);
          }
        });
    return keys;
  }

  /** The value a key holds (a device key: the username digest it is known for), or null. */
  public synchronized String value(String key) {
    Entry e = get(key);
    return e == null ? null : e.value();
  }

  /** Attempts counted in flight, over every pair and username. */
  public synchronized long inFlight() {
    return entries.entrySet().stream()
        .filter(e -> e.getKey().endsWith(":in-flight"))
        .filter(e -> clock.instant().isBefore(e.getValue().expiresAt()))
        .mapToLong(e -> e.getValue().count())
        .sum();
  }

  /** Failures counted username-wide under keys starting with {@code prefix}. */
  public synchronized long count(String prefix) {
    return entries.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix) && !e.getKey().endsWith(":in-flight"))
        .mapToLong(e -> e.getValue().count())
        .sum();
  }
}
