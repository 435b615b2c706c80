package dev.passbridge.passkey.outbox.internal;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.passkey.outbox.OutboxProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.RoutingTarget;

/** The outbox's way out to Kafka (see the package documentation). */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

  /**
   * The platform's event template, declared here because declaring {@link
   * #passkeyOutboxKafkaTemplate} switches off the platform's own (it backs off on any
   * KafkaTemplate). Same producer factory: contracts' EventSerializer, idempotent, acks=all.
   */
  @Bean
  KafkaTemplate<String, PassbridgeEvent> passkeyEventKafkaTemplate(
      ProducerFactory<String, PassbridgeEvent> producerFactory) {
    KafkaTemplate<String, PassbridgeEvent> template = new KafkaTemplate<>(producerFactory);
    template.setObservationEnabled(true);
    return template;
  }

  /**
   * spring-modulith's Kafka externaliser asks for a {@code KafkaOperations<Object, Object>}: the
   * same producer factory seen through that type, so the outbox also writes with contracts'
   * EventSerializer (CloudEvents headers included).
   */
  @Bean
  @SuppressWarnings({"unchecked", "rawtypes"})
  KafkaTemplate<Object, Object> passkeyOutboxKafkaTemplate(
      ProducerFactory<String, PassbridgeEvent> producerFactory) {
    KafkaTemplate<Object, Object> template = new KafkaTemplate<>((ProducerFactory) producerFactory);
    template.setObservationEnabled(true);
    return template;
  }

  /** Sends again what Kafka refused, while the instance runs (see {@link OutboxRelay}). */
  @Bean
  OutboxRelay passkeyOutboxRelay(FailedEventPublications failed, OutboxProperties properties) {
    return new OutboxRelay(failed, properties.resubmitEvery());
  }

  /** The outbox backlog as gauges (see {@link OutboxMetrics}). */
  @Bean
  OutboxMetrics passkeyOutboxMetrics(JdbcTemplate jdbc) {
    return new OutboxMetrics(jdbc, Clock.systemUTC());
  }

  /**
   * {@code PasskeyCreated}, {@code PasskeyDeleted} and {@code PasskeyUpgradeFailed} from the event
   * publication registry go to their contracts topic, keyed by user id.
   */
  @Bean
  EventExternalizationConfiguration passkeyEventExternalization() {
    return EventExternalizationConfiguration.externalizing()
        .select(
            event ->
                event instanceof PasskeyCreated
                    || event instanceof PasskeyDeleted
                    || event instanceof PasskeyUpgradeFailed)
        .routeAll(
            event -> {
              PassbridgeEvent e = (PassbridgeEvent) event;
              return RoutingTarget.forTarget(Topics.of(e).name()).andKey(e.key());
            })
        .build();
  }
}
