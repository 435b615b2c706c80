package dev.passbridge.intelligence.funnel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.funnel.FunnelStep;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The funnel's series: split by source, and no client names a platform the list does not know. */
class MicrometerFunnelMetricsTest {
  static final LocalDate DAY = LocalDate.of(2026, 12, 7);

  @Test
  void hostedAndConnectLoginsAreSeparateSeries() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerFunnelMetrics metrics = new MicrometerFunnelMetrics(registry);
    metrics.step(new FunnelKey(DAY, "iOS/Safari", FunnelStep.PASSWORD_LOGIN, null));
    metrics.step(
        new FunnelKey(DAY, "iOS/Safari", FunnelStep.PASSWORD_LOGIN, null, LoginSource.CONNECT));
    metrics.step(
        new FunnelKey(DAY, "iOS/Safari", FunnelStep.PASSWORD_LOGIN, null, LoginSource.CONNECT));

    assertThat(count(registry, "iOS/Safari", "hosted")).isEqualTo(1.0);
    assertThat(count(registry, "iOS/Safari", "connect")).isEqualTo(2.0);
  }

  @Test
  void inventedUserAgentsShareOneSeries() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerFunnelMetrics metrics = new MicrometerFunnelMetrics(registry);
    for (int i = 0; i < 20; i++) {
      metrics.step(new FunnelKey(DAY, "Unknown/Probexq" + i, FunnelStep.PASSWORD_LOGIN, null));
    }
    assertThat(registry.get("passbridge.funnel.events").counters()).hasSize(1);
    assertThat(count(registry, "Unknown/Other", "hosted")).isEqualTo(20.0);
  }

  private static double count(SimpleMeterRegistry registry, String platform, String source) {
    return registry
        .get("passbridge.funnel.events")
        .tags("step", "password_login", "platform", platform, "source", source)
        .counter()
        .count();
  }
}
