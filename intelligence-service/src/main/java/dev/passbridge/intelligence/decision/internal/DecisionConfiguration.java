package dev.passbridge.intelligence.decision;

import dev.passbridge.intelligence.IntelligenceProperties;
import dev.passbridge.intelligence.funnel.FunnelMetrics;
import dev.passbridge.intelligence.rules.DecisionEngine;
import dev.passbridge.intelligence.settings.ActiveRules;
import java.time.Clock;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DecisionSetup {
  @Bean
  DecisionEngine intelligenceDecisionEngine() {
    return DecisionEngine.standard();
  }

  /** Builds the topology on Spring Kafka's StreamsBuilder before Kafka Streams starts. */
  @Bean
  Object intelligenceTopology(
      StreamsBuilder builder,
      IntelligenceProperties properties,
      DecisionEngine engine,
      ActiveRules rules,
      Clock clock,
      FunnelMetrics metrics) {
    DecisionTopology.build(builder, properties.decisionSettings(), engine, rules, clock, metrics);
    return DecisionTopology.class;
  }
}
