package dev.passbridge.intelligence.funnel.internal;

import dev.passbridge.intelligence.IntelligenceProperties;
import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.funnel.FunnelMetrics;
import dev.passbridge.intelligence.internal.StreamsAccess;
import dev.passbridge.intelligence.internal.TopologySink;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The funnel: its metrics, its query and its part of the topology. */
@Configuration(proxyBeanMethods = false)
class FunnelConfiguration {
  @Bean
  FunnelMetrics intelligenceFunnelMetrics(MeterRegistry registry) {
    return new MicrometerFunnelMetrics(registry);
  }

  @Bean
  FunnelQuery intelligenceFunnelQuery(StreamsAccess streams) {
    return new FunnelQuery(streams);
  }

  @Bean
  TopologySink<FunnelKey> intelligenceFunnelCount(
      IntelligenceProperties properties, FunnelMetrics metrics) {
    return new FunnelTopology(properties.funnelTopic(), properties.punctuateInterval(), metrics);
  }
}
