package dev.passbridge.intelligence.brake.internal;

import dev.passbridge.intelligence.IntelligenceProperties;
import dev.passbridge.intelligence.brake.BrakeSignal;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.internal.TopologySink;
import dev.passbridge.intelligence.settings.RulesInForce;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The brake's part of the topology. */
@Configuration(proxyBeanMethods = false)
class BrakeConfiguration {
  @Bean
  TopologySink<BrakeSignal> intelligenceRolloutBrake(
      IntelligenceProperties properties,
      StoreView<RulesInForce> rules,
      Clock clock,
      MeterRegistry registry) {
    return new BrakeTopology(
        properties.brake(),
        rules,
        properties.rulesTopic(),
        clock,
        new MicrometerBrakeMetrics(registry));
  }
}
