package dev.passbridge.intelligence.profile.internal;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.internal.TopologyStep;
import dev.passbridge.intelligence.login.DecidedLogins;
import dev.passbridge.intelligence.profile.Profiles;
import dev.passbridge.platform.kafka.PassbridgeKafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The profile projection's parts of the topology, for the decision to compose. */
@Configuration(proxyBeanMethods = false)
class ProfileConfiguration {
  @Bean
  TopologyStep<PassbridgeEvent, FunnelKey> intelligenceProfileProjection(
      StoreView<DecidedLogins> decidedLogins, PassbridgeKafkaProperties kafka) {
    return new ProfileTopology(decidedLogins, kafka.retention());
  }

  @Bean
  StoreView<Profiles> intelligenceProfiles() {
    return ProfileTopology.profiles();
  }
}
