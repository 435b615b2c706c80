package dev.passbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.platform.kafka.EventPublisher;
import dev.passbridge.testsupport.EventCapture;
import dev.passbridge.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared Kafka setup against real infrastructure: an event published through {@link
 * EventPublisher} reaches a listener through the embedded KRaft broker with CloudEvents and trace
 * headers; the listener's side effects land in real Redis and real PostgreSQL; a poison record goes
 * to the dead-letter topic and the consumer goes on.
 */
@SpringBootTest(
    classes = PlatformKafkaIT.App.class,
    properties = {
      "spring.application.name=platform-it",
      "spring.kafka.consumer.group-id=platform-it",
      "passbridge.kafka.retry-attempts=1",
      "passbridge.kafka.retry-initial-interval=10ms"
    })
class PlatformKafkaIT {

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerKafka(registry);
    TestInfrastructure.registerRedis(registry);
    TestInfrastructure.registerPostgres(registry, "platform");
  }

  @SpringBootApplication
  static class App {
    @org.springframework.context.annotation.Bean
    Recorder recorder(StringRedisTemplate redis, JdbcTemplate jdbc) {
      jdbc.execute("CREATE TABLE IF NOT EXISTS seen (event_id UUID PRIMARY KEY, login_id TEXT)");
      return new Recorder(redis, jdbc);
    }
  }

  static class Recorder {
    private final StringRedisTemplate redis;
    private final JdbcTemplate jdbc;

    Recorder(StringRedisTemplate redis, JdbcTemplate jdbc) {
      this.redis = redis;
      this.jdbc = jdbc;
    }

    @KafkaListener(topics = "passbridge.otp.otp-verified.v1")
    void on(PassbridgeEvent event) {
      OtpVerified verified = (OtpVerified) event;
      redis.opsForValue().set("platform-it:" + verified.loginId(), verified.userId().toString());
      jdbc.update(
          "INSERT INTO seen (event_id, login_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
          verified.eventId(),
          verified.loginId());
    }
  }

  @Autowired EventPublisher publisher;
  @Autowired StringRedisTemplate redis;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;

  @Test
  void publishedEventIsConsumedWithHeadersAndItsEffectsLandInRedisAndPostgres() {
    OtpVerified event =
        new OtpVerified(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "login-1", "SMS");
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.OTP_VERIFIED)) {
      var result = publisher.publishAndWait(event);
      assertThat(result.getRecordMetadata().topic()).isEqualTo(Topics.OTP_VERIFIED.name());

      capture.await(OtpVerified.class, e -> e.equals(event));
      var record =
          capture.records().stream().filter(r -> r.value().equals(event)).findFirst().orElseThrow();
      assertThat(record.key()).isEqualTo(event.userId().toString());
      assertThat(EventCapture.header(record, "ce_id")).isEqualTo(event.eventId().toString());
      assertThat(EventCapture.header(record, "ce_type")).isEqualTo("dev.passbridge.OtpVerified.v1");
      assertThat(EventCapture.header(record, "ce_source")).isEqualTo("/passbridge/otp-service");
      assertThat(EventCapture.header(record, "traceparent"))
          .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(redis.opsForValue().get("platform-it:login-1"))
                  .isEqualTo(event.userId().toString());
              assertThat(
                      jdbc.queryForList(
                          "SELECT login_id FROM seen WHERE event_id = ?",
                          String.class,
                          event.eventId()))
                  .containsExactly("login-1");
            });
  }

  @Test
  void poisonRecordGoesToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
    String bootstrap = TestInfrastructure.kafkaBootstrapServers();
    String userId = UUID.randomUUID().toString();
    double deadLettersBefore = deadLetters(Topics.OTP_VERIFIED.name());
    try (var producer =
            new KafkaProducer<String, byte[]>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new ByteArraySerializer());
        var dlt =
            new KafkaConsumer<String, byte[]>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "dlt-reader-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
      byte[] poison = "{not json".getBytes(StandardCharsets.UTF_8);
      producer.send(new ProducerRecord<>(Topics.OTP_VERIFIED.name(), userId, poison)).get();

      dlt.subscribe(java.util.List.of(Topics.OTP_VERIFIED.deadLetterName()));
      byte[] deadLettered = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (deadLettered == null && System.nanoTime() < deadline) {
        for (var r : dlt.poll(Duration.ofMillis(200))) {
          if (userId.equals(r.key())) {
            deadLettered = r.value();
          }
        }
      }
      assertThat(deadLettered).as("poison record on the DLT").isEqualTo(poison);
    }
    assertThat(deadLetters(Topics.OTP_VERIFIED.name()))
        .as("passbridge_kafka_dead_letters_total{topic=otp-verified}")
        .isEqualTo(deadLettersBefore + 1);

    // the listener still processes the next good record
    OtpVerified next =
        new OtpVerified(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "login-2", "SMS");
    publisher.publishAndWait(next);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(redis.opsForValue().get("platform-it:login-2"))
                    .isEqualTo(next.userId().toString()));
  }

  private double deadLetters(String topic) {
    return meters.get("passbridge.kafka.dead.letters").tag("topic", topic).counter().count();
  }
}
