package dev.passbridge.intelligence.internal;

import dev.passbridge.intelligence.IntelligenceProperties;
import dev.passbridge.platform.kafka.DeadLetterCounter;
import dev.passbridge.platform.kafka.PassbridgeKafkaProperties;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;

/**
 * Kafka Streams for the decision topology (Spring Kafka's {@code @EnableKafkaStreams}); the
 * topology itself is composed by the decision feature ({@code decision/internal/DecisionTopology})
 * from the features' steps; this package knows no feature.
 *
 * <p>Latency and cost settings: the record cache on ({@code statestore.cache.max.bytes}, 10 MiB
 * unless {@code spring.kafka.streams.properties} say otherwise), so the stores' changelogs and the
 * funnel's sums are written once per key and commit instead of once per change; no decision waits
 * for it (the processors forward explicitly, and reads go through the cache: {@link StateStores}).
 * Producer {@code linger.ms=0} (a decision is sent at once: at login rates a 1 ms batching window
 * only delays it), at-least-once processing (the decided-login store and deterministic event ids
 * give exactly one decision per login). Unreadable input records go to the topic's dead-letter
 * topic; a record whose processing throws is logged and skipped (one lost funnel count beats a
 * stream thread stuck on a poison record); a crashed stream thread is replaced.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
public class StreamsConfiguration {
  private static final Logger log = LoggerFactory.getLogger(StreamsConfiguration.class);

  /** The record cache of the stores, shared by the stream threads (Kafka Streams' own default). */
  public static final long RECORD_CACHE_BYTES = 10L * 1024 * 1024;

  @Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
  KafkaStreamsConfiguration defaultKafkaStreamsConfig(
      KafkaProperties kafka,
      PassbridgeKafkaProperties topics,
      IntelligenceProperties properties,
      Environment environment,
      IntelligenceDeadLetters deadLetters) {
    Map<String, Object> config = new HashMap<>(kafka.buildStreamsProperties());
    String applicationId =
        properties.applicationId().isBlank()
            ? environment.getRequiredProperty("spring.application.name")
            : properties.applicationId();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.putIfAbsent(
        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
    config.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDir());
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.streamThreads());
    staticMembership(properties, environment)
        .ifPresent(
            id ->
                config.put(
                    StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, properties.processingGuarantee());
    // cost: changelog and funnel writes once per key and commit; latency: no batching delay
    config.putIfAbsent(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, RECORD_CACHE_BYTES);
    config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
    config.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    config.put(StreamsConfig.producerPrefix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), true);
    config.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
    config.putIfAbsent(
        StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // the global tables see committed records only: a rules change and its audit are written in
    // one transaction (settings/internal/RulesStore), an aborted change never takes effect
    config.put(
        StreamsConfig.globalConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG),
        "read_committed");
    // internal topics (changelogs, repartition) as durable as the event topics
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replicationFactor());
    if (topics.minInsyncReplicas() > 0) {
      config.put(
          StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
          topics.minInsyncReplicas());
    }
    config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    config.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        RecoveringDeserializationExceptionHandler.class);
    config.put(
        RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER,
        deadLetters.recoverer());
    config.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueProcessingExceptionHandler.class);
    return new KafkaStreamsConfiguration(config);
  }

  /**
   * The {@code group.instance.id}: configured, or {@code <host name>-<server.port>} (unique per
   * running instance, stable across its restarts), or none.
   */
  static Optional<String> staticMembership(
      IntelligenceProperties properties, Environment environment) {
    String configured = properties.instanceId().strip();
    if (configured.equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    if (!configured.isEmpty()) {
      return Optional.of(configured);
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    String port = environment.getProperty("server.port", "8083");
    // a random port (tests) says nothing about the instance: never share an id by accident
    return Optional.of(host + "-" + (port.equals("0") ? UUID.randomUUID().toString() : port));
  }

  @Bean
  StreamsBuilderFactoryBeanConfigurer intelligenceStreamsConfigurer() {
    return factory -> {
      // with static membership: hand partitions over at once on shutdown
      factory.setLeaveGroupOnClose(true);
      factory.setStreamsUncaughtExceptionHandler(
          e -> {
            log.error("a Kafka Streams thread died; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
          });
      factory.setStateListener(
          (next, previous) -> log.info("Kafka Streams state {} -> {}", previous, next));
    };
  }

  /**
   * The two compacted topics every instance reads as a global table, and their dead-letter topics:
   * an unreadable record there goes to {@code <topic>.dlt} like on the event topics. Without the
   * dead-letter topic (brokers that do not auto-create topics) the recovery fails and the global
   * thread, which cannot be replaced, takes the whole Kafka Streams client down on every instance
   * (found by reliability-tests' PoisonRecordIT).
   */
  @Bean
  KafkaAdmin.NewTopics intelligenceTopics(
      IntelligenceProperties properties, PassbridgeKafkaProperties topics) {
    return new KafkaAdmin.NewTopics(globalTableTopics(properties, topics).toArray(NewTopic[]::new));
  }

  /**
   * One tag key for a RocksDB store in Kafka Streams' state metrics. Kafka Streams tags the same
   * metric names ({@code kafka.stream.state.number.open.files}, ...) with {@code rocksdb.state.id}
   * for key-value stores and {@code rocksdb.window.state.id} (or {@code rocksdb.session.state.id})
   * for the others; Prometheus takes one set of tag keys per name, so the window store's meters
   * (intel-brake-counted) were dropped, with a warning at every start. The store's name stays in
   * the tag's value.
   */
  @Bean
  static MeterFilter rocksDbStoreTag() {
    MeterFilter window =
        MeterFilter.renameTag(STATE_METRICS, "rocksdb.window.state.id", "rocksdb.state.id");
    MeterFilter session =
        MeterFilter.renameTag(STATE_METRICS, "rocksdb.session.state.id", "rocksdb.state.id");
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        return session.map(window.map(id));
      }
    };
  }

  /** The name prefix of Kafka Streams' state store metrics, as Micrometer names them. */
  static final String STATE_METRICS = "kafka.stream.state";

  /** Kafka Streams starts once the global tables' topics above are served (see the class). */
  @Bean
  GlobalTopicsReady globalTopicsReady(
      KafkaAdmin admin, IntelligenceProperties properties, StreamsBuilderFactoryBean streams) {
    return new GlobalTopicsReady(
        admin,
        java.util.List.of(properties.rulesTopic(), properties.funnelTopic()),
        java.time.Duration.ofSeconds(30),
        streams);
  }

  static java.util.List<NewTopic> globalTableTopics(
      IntelligenceProperties properties, PassbridgeKafkaProperties topics) {
    return java.util.List.of(
        topic(properties.rulesTopic(), 1, topics, true),
        topic(properties.rulesTopic() + ".dlt", 1, topics, false),
        topic(properties.funnelTopic(), topics.partitions(), topics, true),
        topic(properties.funnelTopic() + ".dlt", topics.partitions(), topics, false));
  }

  private static NewTopic topic(
      String name, int partitions, PassbridgeKafkaProperties topics, boolean compacted) {
    TopicBuilder builder =
        TopicBuilder.name(name).partitions(partitions).replicas(topics.replicationFactor());
    if (compacted) {
      builder.compact();
    }
    if (topics.minInsyncReplicas() > 0) {
      builder.config(
          TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(topics.minInsyncReplicas()));
    }
    return builder.build();
  }

  @Bean
  IntelligenceDeadLetters intelligenceDeadLetters(
      KafkaProperties kafka, ObjectProvider<MeterRegistry> meters) {
    return new IntelligenceDeadLetters(
        kafka, new DeadLetterCounter(meters.getIfAvailable(SimpleMeterRegistry::new)));
  }

  @Bean
  KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factory) {
    return new KafkaStreamsHealthIndicator(factory);
  }

  @Bean
  StreamsAccess intelligenceStreamsAccess(StreamsBuilderFactoryBean factory) {
    return new StreamsAccess(factory);
  }

  /**
   * Sends records Kafka Streams cannot deserialise to {@code <topic>.dlt}, same partition, with the
   * original bytes and the exception in headers (the platform's dead-letter convention), counted in
   * {@code passbridge_kafka_dead_letters_total{topic}} like the platform's listeners.
   */
  public static final class IntelligenceDeadLetters implements DisposableBean {
    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
    private final DeadLetterPublishingRecoverer recoverer;

    IntelligenceDeadLetters(KafkaProperties kafka, DeadLetterCounter counter) {
      Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      this.producers =
          new DefaultKafkaProducerFactory<>(
              props, new ByteArraySerializer(), new ByteArraySerializer());
      this.recoverer =
          new DeadLetterPublishingRecoverer(
              new KafkaTemplate<>(producers),
              (record, exception) -> {
                log.warn(
                    "unreadable record {}-{}@{} goes to the dead-letter topic: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    exception.getMessage());
                counter.sent(record.topic());
                return new TopicPartition(record.topic() + ".dlt", record.partition());
              });
    }

    public DeadLetterPublishingRecoverer recoverer() {
      return recoverer;
    }

    @Override
    public void destroy() {
      producers.destroy();
    }
  }
}
