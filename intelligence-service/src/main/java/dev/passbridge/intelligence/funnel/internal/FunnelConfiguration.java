package dev.passbridge.intelligence.funnel;

import dev.passbridge.intelligence.funnel.internal.MicrometerFunnelMetrics;
import dev.passbridge.intelligence.streams.StreamsAccess;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FunnelSetup {
  @Bean
  FunnelMetrics intelligenceFunnelMetrics(MeterRegistry registry) {
    return new MicrometerFunnelMetrics(registry);
  }

  @Bean
  FunnelQuery intelligenceFunnelQuery(StreamsAccess streams) {
    return new FunnelQuery(streams);
  }
}
