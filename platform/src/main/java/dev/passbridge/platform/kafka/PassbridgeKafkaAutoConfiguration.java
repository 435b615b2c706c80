package dev.passbridge.platform.kafka;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.serde.EventDeserializer;
import dev.passbridge.contracts.serde.EventSerializer;
import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one Kafka setup of every Passbridge service (docs/architecture.md §7): idempotent producer
 * with {@code acks=all} and {@code linger.ms} of at most 1; topics created from the {@link Topics}
 * constants; consumers at-least-once with retries and backoff, then the record's dead-letter topic;
 * observation (traces) on producer and consumer; CloudEvents headers from the serializer.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(PassbridgeKafkaProperties.class)
@PropertySource("classpath:passbridge-platform-defaults.properties")
public class PassbridgeKafkaAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(PassbridgeKafkaAutoConfiguration.class);

  /** Settings no service may weaken. */
  static Map<String, Object> producerSettings(KafkaProperties kafka) {
    Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    Object linger = props.get(ProducerConfig.LINGER_MS_CONFIG);
    if (linger == null || Long.parseLong(linger.toString()) > 1) {
      props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    }
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return props;
  }

  /**
   * Spring Boot's customizers are applied as Boot does for its own factory: among them the one that
   * binds the Kafka client metrics ({@code kafka_producer_*}) to Micrometer.
   */
  @Bean
  @ConditionalOnMissingBean(ProducerFactory.class)
  ProducerFactory<String, PassbridgeEvent> eventProducerFactory(
      KafkaProperties kafka, ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
    var factory =
        new DefaultKafkaProducerFactory<>(
            producerSettings(kafka), new StringSerializer(), new EventSerializer());
    customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
    return factory;
  }

  @Bean
  @ConditionalOnMissingBean(KafkaTemplate.class)
  KafkaTemplate<String, PassbridgeEvent> eventKafkaTemplate(
      ProducerFactory<String, PassbridgeEvent> producerFactory) {
    KafkaTemplate<String, PassbridgeEvent> template = new KafkaTemplate<>(producerFactory);
    template.setObservationEnabled(true);
    return template;
  }

  @Bean
  @ConditionalOnMissingBean
  EventPublisher eventPublisher(
      KafkaTemplate<String, PassbridgeEvent> template, PassbridgeKafkaProperties properties) {
    return new EventPublisher(template, properties.publishTimeout());
  }

  /**
   * Spring Boot's customizers are applied as Boot does for its own factory: among them the one that
   * binds the Kafka client metrics ({@code kafka_consumer_*}, the consumer lag included).
   */
  @Bean
  @ConditionalOnMissingBean(ConsumerFactory.class)
  ConsumerFactory<String, PassbridgeEvent> eventConsumerFactory(
      KafkaProperties kafka, ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> customizers) {
    Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    var factory =
        new DefaultKafkaConsumerFactory<>(
            props,
            new StringDeserializer(),
            new ErrorHandlingDeserializer<>(new EventDeserializer()));
    customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
    return factory;
  }

  /**
   * Retries with exponential backoff, then publishes the record to {@code <topic>.dlt} (same
   * partition) and goes on. Records that cannot even be deserialised go there at once, with their
   * original bytes. Every record sent there counts in {@link DeadLetterCounter} ({@code
   * passbridge_kafka_dead_letters_total{topic}}).
   */
  @Bean
  @ConditionalOnMissingBean(name = "passbridgeErrorHandler")
  DefaultErrorHandler passbridgeErrorHandler(
      KafkaProperties kafka,
      PassbridgeKafkaProperties properties,
      ObjectProvider<MeterRegistry> meters) {
    DeadLetterCounter deadLetters =
        new DeadLetterCounter(meters.getIfAvailable(SimpleMeterRegistry::new));
    Map<Class<?>, org.apache.kafka.common.serialization.Serializer<?>> byType =
        new LinkedHashMap<>();
    byType.put(byte[].class, new ByteArraySerializer());
    byType.put(PassbridgeEvent.class, new EventSerializer());
    byType.put(String.class, new StringSerializer());
    var dltProducer =
        new DefaultKafkaProducerFactory<Object, Object>(
            producerSettings(kafka),
            new DelegatingByTypeSerializer(
                Map.of(
                    String.class, new StringSerializer(), byte[].class, new ByteArraySerializer())),
            new DelegatingByTypeSerializer(byType, true));
    KafkaTemplate<Object, Object> dltTemplate = new KafkaTemplate<>(dltProducer);
    var recoverer =
        new DeadLetterPublishingRecoverer(
            dltTemplate,
            (record, exception) -> {
              log.warn(
                  "record {}-{}@{} goes to the dead-letter topic: {}",
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  exception.getMessage());
              deadLetters.sent(record.topic());
              return new TopicPartition(record.topic() + ".dlt", record.partition());
            });
    ExponentialBackOff backOff =
        new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
    backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
    backOff.setMaxAttempts(properties.retryAttempts());
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    handler.setBackOffFunction((record, exception) -> backOffFor(record.topic()));
    return handler;
  }

  /**
   * An erasure must be applied, not parked: a {@code UserErased} that fails (the reader's database
   * away, a failover) is retried for up to 30 minutes, backing off to a minute, before it goes to
   * the dead-letter topic; other records keep the configured retries (null: the handler's default).
   * Only this topic's partition waits meanwhile, and only in a listener that reads it. A record
   * that cannot be read at all still goes to the dead-letter topic at once.
   */
  static BackOff backOffFor(String topic) {
    if (!Topics.USER_ERASED.name().equals(topic)) {
      return null;
    }
    ExponentialBackOff erasure = new ExponentialBackOff(1_000, 2.0);
    erasure.setMaxInterval(60_000);
    erasure.setMaxElapsedTime(Duration.ofMinutes(30).toMillis());
    return erasure;
  }

  @Bean
  @ConditionalOnMissingBean(name = "kafkaListenerContainerFactory")
  ConcurrentKafkaListenerContainerFactory<String, PassbridgeEvent> kafkaListenerContainerFactory(
      ConsumerFactory<String, PassbridgeEvent> consumerFactory,
      DefaultErrorHandler passbridgeErrorHandler,
      PassbridgeKafkaProperties properties) {
    var factory = new ConcurrentKafkaListenerContainerFactory<String, PassbridgeEvent>();
    factory.setConsumerFactory(consumerFactory);
    factory.setCommonErrorHandler(passbridgeErrorHandler);
    if (properties.commitInterval().isPositive()) {
      factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.TIME);
      factory.getContainerProperties().setAckTime(properties.commitInterval().toMillis());
    } else {
      factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
    }
    factory.getContainerProperties().setObservationEnabled(true);
    return factory;
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "passbridge.kafka.create-topics", matchIfMissing = true)
  KafkaAdmin.NewTopics passbridgeTopics(PassbridgeKafkaProperties properties) {
    List<NewTopic> topics = new ArrayList<>();
    for (Topic<?> topic : Topics.ALL) {
      topics.add(newTopic(topic.name(), properties));
      topics.add(newTopic(topic.deadLetterName(), properties));
    }
    return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
  }

  /**
   * Topics kept for good ({@code retention.ms} -1), whatever {@code passbridge.kafka.retention}
   * says: the rules' audit trail (who changed the upgrade rules, when and why: an admin's user id,
   * no other personal data), which the snapshot's last changes do not replace.
   */
  static final java.util.Set<String> KEPT_FOR_GOOD = java.util.Set.of(Topics.RULES_CHANGED.name());

  static NewTopic newTopic(String name, PassbridgeKafkaProperties properties) {
    NewTopic topic = new NewTopic(name, properties.partitions(), properties.replicationFactor());
    Map<String, String> configs = new java.util.LinkedHashMap<>();
    configs.put(
        "retention.ms",
        KEPT_FOR_GOOD.contains(name) ? "-1" : String.valueOf(properties.retention().toMillis()));
    if (properties.minInsyncReplicas() > 0) {
      configs.put("min.insync.replicas", String.valueOf(properties.minInsyncReplicas()));
    }
    return topic.configs(configs);
  }

  @Bean(name = "kafkaHealthIndicator")
  @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
  KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
    return new KafkaHealthIndicator(kafka.buildAdminProperties());
  }
}
