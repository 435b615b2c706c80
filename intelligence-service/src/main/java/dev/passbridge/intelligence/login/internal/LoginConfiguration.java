package dev.passbridge.intelligence.login.internal;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.intelligence.IntelligenceProperties;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.internal.TopologyStep;
import dev.passbridge.intelligence.login.DecidedLogins;
import dev.passbridge.intelligence.login.LoginStep;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The login join's parts of the topology, for the decision to compose. */
@Configuration(proxyBeanMethods = false)
class LoginConfiguration {
  @Bean
  TopologyStep<PassbridgeEvent, LoginStep> intelligenceLoginJoin(
      IntelligenceProperties properties) {
    return new LoginTopology(properties.loginSettings());
  }

  @Bean
  StoreView<DecidedLogins> intelligenceDecidedLogins(IntelligenceProperties properties) {
    return LoginTopology.decidedLogins(properties.decidedRetention());
  }
}
