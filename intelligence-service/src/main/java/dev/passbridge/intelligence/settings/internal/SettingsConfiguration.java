package dev.passbridge.intelligence.settings;

import dev.passbridge.intelligence.IntelligenceProperties;
import dev.passbridge.intelligence.streams.StreamsAccess;
import java.time.Clock;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SettingsSetup {
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
      Clock clock) {
    return new RulesStore(active, streams, kafka, properties, clock);
  }
}
