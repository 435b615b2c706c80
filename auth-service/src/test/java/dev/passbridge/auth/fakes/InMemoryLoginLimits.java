package dev.passbridge.auth.fakes;

import dev.passbridge.auth.login.LoginLimitPolicy;
import dev.passbridge.auth.login.LoginLimitStore;
import dev.passbridge.auth.ratelimit.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link LoginLimitStore} in memory, expiring on the given clock (unit tests; ITs use Redis). */
public class InMemoryLoginLimits implements LoginLimitStore {
  private record Entry(long count, Instant last, String value, Instant expiresAt) {}

  private final Map<String, Entry> entries = new HashMap<>();
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

  @Override
  public synchronized Snapshot read(
      String addressPairKey,
      String devicePairKey,
      String usernameKey,
      String deviceKey,
      String knownAddressKey,
      String usernameDigest) {
    Entry user = get(usernameKey);
    Entry device = get(deviceKey);
    return new Snapshot(
        pair(addressPairKey),
        pair(devicePairKey),
        user == null
            ? RateLimit.Counter.ZERO
            : new RateLimit.Counter(
                user.count(), Duration.between(clock.instant(), user.expiresAt())),
        device != null && usernameDigest.equals(device.value()),
        get(knownAddressKey) != null);
  }

  @Override
  public synchronized void failed(
      String pairKey,
      Instant at,
      Duration pairMemory,
      String usernameKey,
      Duration usernameWindow) {
    Entry p = get(pairKey);
    Instant last = p == null || at.isAfter(p.last()) ? at : p.last();
    entries.put(
        pairKey,
        new Entry(p == null ? 1 : p.count() + 1, last, null, clock.instant().plus(pairMemory)));
    if (usernameKey != null) {
      Entry u = get(usernameKey);
      entries.put(
          usernameKey,
          u == null
              ? new Entry(1, null, null, clock.instant().plus(usernameWindow))
              : new Entry(u.count() + 1, null, null, u.expiresAt()));
    }
  }

  @Override
  public synchronized void succeeded(
      String pairKey,
      String oldDeviceKey,
      String newDeviceKey,
      String usernameDigest,
      Duration deviceTtl,
      String knownAddressKey,
      Duration knownAddressTtl) {
    entries.remove(pairKey);
    if (oldDeviceKey != null) {
      entries.remove(oldDeviceKey);
    }
    entries.put(newDeviceKey, new Entry(0, null, usernameDigest, clock.instant().plus(deviceTtl)));
    if (knownAddressTtl.isPositive()) {
      entries.put(knownAddressKey, new Entry(0, null, "1", clock.instant().plus(knownAddressTtl)));
    }
  }

  public synchronized void clear() {
    entries.clear();
  }

  /** Failures counted username-wide under keys starting with {@code prefix}. */
  public synchronized long count(String prefix) {
    return entries.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(e -> e.getValue().count())
        .sum();
  }
}
