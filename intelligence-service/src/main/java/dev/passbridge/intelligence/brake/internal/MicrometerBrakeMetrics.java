package dev.passbridge.intelligence.brake.internal;

import dev.passbridge.intelligence.brake.BrakeMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code passbridge_intelligence_rollout_brakes_total{platform}}: how often the brake turned the
 * silent create off (an alert on any increase tells a person to look at the rules page).
 */
final class MicrometerBrakeMetrics implements BrakeMetrics {
  private final MeterRegistry registry;

  MicrometerBrakeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void braked(String platform) {
    Counter.builder("passbridge.intelligence.rollout.brakes")
        .description("Times the rollout brake turned the silent create off on a platform")
        .tag("platform", platform.length() > 64 ? platform.substring(0, 64) : platform)
        .register(registry)
        .increment();
  }
}
