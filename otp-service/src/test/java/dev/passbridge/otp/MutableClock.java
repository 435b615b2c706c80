package dev.passbridge.otp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A clock that follows real time but can be pushed forward (expiry and cooldown tests). */
public final class MutableClock extends Clock {
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  public void advance(Duration by) {
    offset.updateAndGet(o -> o.plus(by));
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  /** Replaces the platform's {@code Clock} bean (it backs off when one exists). */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Config {
    @Bean
    MutableClock testClock() {
      return new MutableClock();
    }
  }
}
