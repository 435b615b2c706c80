package dev.passbridge.intelligence.funnel.internal;

import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.funnel.FunnelMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Prometheus view of the funnel: {@code passbridge_funnel_events_total{step, detail, platform,
 * source}} ({@code source} is {@code hosted} or {@code connect}) (per instance; sum over instances)
 * and {@code passbridge_intelligence_decision_latency_seconds} (OtpVerified record to decision,
 * with histogram buckets, one of them at the 25 ms target). Tag values are the sanitised ones of
 * {@link FunnelKey}, so clients cannot create unbounded series.
 */
public final class MicrometerFunnelMetrics implements FunnelMetrics {
  /** The decision's latency target (p99), a bucket boundary of the histogram. */
  static final Duration DECISION_TARGET = Duration.ofMillis(25);

  private final MeterRegistry registry;

  public MicrometerFunnelMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void step(FunnelKey key) {
    Counter.builder("passbridge.funnel.events")
        .description("Upgrade funnel steps")
        .tag("step", key.step().code())
        .tag("detail", key.detail() == null ? "" : key.detail())
        .tag("platform", key.platform())
        .tag("source", key.source().name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
  }

  @Override
  public void decisionLatency(String outcome, long millis) {
    Timer.builder("passbridge.intelligence.decision.latency")
        .description("From the OtpVerified record to the decision leaving the topology")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        // a bucket boundary exactly at the 25 ms target (the alert's threshold)
        .serviceLevelObjectives(DECISION_TARGET)
        .register(registry)
        .record(Duration.ofMillis(millis));
  }
}
