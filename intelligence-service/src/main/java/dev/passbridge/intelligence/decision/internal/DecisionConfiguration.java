package dev.passbridge.intelligence.decision.internal;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.intelligence.IntelligenceProperties;
import dev.passbridge.intelligence.brake.BrakeSignal;
import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.funnel.FunnelMetrics;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.internal.TopologySink;
import dev.passbridge.intelligence.internal.TopologyStep;
import dev.passbridge.intelligence.login.DecidedLogins;
import dev.passbridge.intelligence.login.LoginStep;
import dev.passbridge.intelligence.profile.Profiles;
import dev.passbridge.intelligence.rules.DecisionEngine;
import dev.passbridge.intelligence.settings.RulesInForce;
import java.time.Clock;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The decision: its engine, and the topology it composes from the features' parts. */
@Configuration(proxyBeanMethods = false)
class DecisionConfiguration {
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
      TopologyStep<PassbridgeEvent, LoginStep> loginJoin,
      StoreView<DecidedLogins> decidedLogins,
      TopologyStep<PassbridgeEvent, FunnelKey> profileProjection,
      StoreView<Profiles> profiles,
      StoreView<RulesInForce> rules,
      TopologySink<FunnelKey> funnel,
      TopologySink<BrakeSignal> brake,
      Clock clock,
      FunnelMetrics metrics) {
    DecisionTopology.build(
        builder,
        properties.decisionSettings(),
        engine,
        new DecisionTopology.Parts(
            loginJoin, decidedLogins, profileProjection, profiles, rules, funnel, brake),
        clock,
        metrics);
    return DecisionTopology.class;
  }
}
