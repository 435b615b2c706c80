package dev.passbridge.auth.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock plus an offset that tests can move forward. */
public class MutableClock extends Clock {
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
  private final Instant fixed;

  private MutableClock(Instant fixed) {
    this.fixed = fixed;
  }

  /** Runs with real time, shifted by {@link #advance}. */
  public static MutableClock system() {
    return new MutableClock(null);
  }

  /** Stands still at {@code start} unless advanced. */
  public static MutableClock at(Instant start) {
    return new MutableClock(start);
  }

  public void advance(Duration by) {
    offset.updateAndGet(o -> o.plus(by));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return (fixed == null ? Instant.now() : fixed).plus(offset.get());
  }
}
