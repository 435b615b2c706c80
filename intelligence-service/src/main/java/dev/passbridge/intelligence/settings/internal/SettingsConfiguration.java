package dev.passbridge.intelligence.settings.internal;

import dev.passbridge.intelligence.IntelligenceProperties;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.internal.StreamsAccess;
import dev.passbridge.intelligence.settings.ActiveRules;
import dev.passbridge.intelligence.settings.RulesInForce;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rules at runtime: the rules in force, the admin's store, the decision's view. */
@Configuration(proxyBeanMethods = false)
class SettingsConfiguration {
  @Bean
  ActiveRules intelligenceActiveRules(IntelligenceProperties properties) {
    return new ActiveRules(properties.rules());
  }

  @Bean
  RulesStore intelligenceRulesStore(
      ActiveRules active,
      StreamsAccess streams,
      KafkaProperties kafka,
      IntelligenceProperties properties,
      Clock clock,
      ObjectProvider<Tracer> tracer,
      ObjectProvider<Propagator> propagator) {
    return new RulesStore(
        active,
        streams,
        kafka,
        properties,
        clock,
        tracer.getIfAvailable(() -> Tracer.NOOP),
        propagator.getIfAvailable(() -> Propagator.NOOP));
  }

  @Bean
  StoreView<RulesInForce> intelligenceRulesInForce(
      IntelligenceProperties properties, ActiveRules active) {
    return RulesTable.view(properties.rulesTopic(), active);
  }
}
