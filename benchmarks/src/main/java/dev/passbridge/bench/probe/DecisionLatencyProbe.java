package dev.passbridge.bench.probe;

import dev.passbridge.bench.load.Journeys;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.serde.EventJson;
import dev.passbridge.contracts.topics.Topics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decision latency: {@code OtpVerified} produced (its {@code occurredAt}, taken by otp-service just
 * before it publishes) → ceremony ready in passkey-service (the stored ceremony's {@code issuedAt},
 * taken just before passkey-service writes it to Redis). Both are the services' own clocks (one
 * machine, microsecond resolution), so nothing of the load generator's own scheduling is in the
 * number. In between: otp-service's publish and ack, intelligence-service's join and rules, the
 * {@code PasskeyEligible} hop, passkey-service's options. The ceremony is read from Redis (a GET,
 * off the journey's timed steps) when the journey is offered the upgrade.
 */
public final class DecisionLatencyProbe implements Journeys.DecisionRecorder, AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RedisClient redisClient;
  private final StatefulRedisConnection<String, String> redis;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread consumerThread;
  private final Map<String, Instant> otpVerifiedAt = new ConcurrentHashMap<>();
  private final Map<String, Instant> decidedAt = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Offer> offers = new ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger unreadable =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean running = true;

  private record Offer(String loginId, Instant ceremonyCreatedAt) {}

  public DecisionLatencyProbe(String bootstrapServers, int redisPort) {
    this.redisClient = RedisClient.create(RedisURI.create("127.0.0.1", redisPort));
    this.redis = redisClient.connect();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    consumer = new KafkaConsumer<>(p);
    List<TopicPartition> partitions = new java.util.ArrayList<>();
    for (String topic : List.of(Topics.OTP_VERIFIED.name(), Topics.PASSKEY_ELIGIBLE.name())) {
      consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(topic, i.partition()))
          .forEach(partitions::add);
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    consumerThread = Thread.ofPlatform().daemon().name("bench-decision-probe").start(this::consume);
  }

  private void consume() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.topic().equals(Topics.OTP_VERIFIED.name())) {
            OtpVerified e = EventJson.read(r.value(), OtpVerified.class);
            otpVerifiedAt.put(e.loginId(), e.occurredAt());
          } else {
            PasskeyEligible e = EventJson.read(r.value(), PasskeyEligible.class);
            decidedAt.put(e.loginId(), e.occurredAt());
          }
        }
      }
    } catch (org.apache.kafka.common.errors.WakeupException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** Forget what was recorded so far (a new phase begins). */
  public void begin() {
    offers.clear();
    otpVerifiedAt.clear();
    decidedAt.clear();
    unreadable.set(0);
  }

  @Override
  public void offered(String loginId, String userId, String ceremonyId) {
    try {
      String ceremony = redis.sync().get("passkey:reg:" + userId + ":" + ceremonyId);
      if (ceremony == null) {
        unreadable.incrementAndGet();
        return;
      }
      // passkey-service's RegistrationCeremony.issuedAt: its clock when it stored the ceremony
      JsonNode issued = JSON.readTree(ceremony).path("issuedAt");
      Instant at =
          issued.isNumber()
              ? Instant.ofEpochSecond(0).plusNanos((long) (issued.asDouble() * 1e9))
              : Instant.parse(issued.asString());
      offers.add(new Offer(loginId, at));
    } catch (RuntimeException e) {
      // the probe never fails a journey; unreadable ceremonies are reported
      unreadable.incrementAndGet();
    }
  }

  /**
   * The latencies of the offers since {@link #begin}, in microseconds (waiting up to {@code wait}
   * for the last {@code OtpVerified} events to be read).
   *
   * @return the histogram; {@code unmatched} offers are those whose event never came
   */
  public Result finish(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    List<Offer> all = List.copyOf(offers);
    while (System.nanoTime() < deadline
        && all.stream().anyMatch(o -> !otpVerifiedAt.containsKey(o.loginId()))) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Histogram h = new Histogram(60_000_000L, 3);
    int unmatched = 0;
    for (Offer o : all) {
      Instant verified = otpVerifiedAt.get(o.loginId());
      if (verified == null) {
        unmatched++;
        continue;
      }
      long micros = Duration.between(verified, o.ceremonyCreatedAt()).toNanos() / 1000;
      h.recordValue(Math.max(0, Math.min(micros, 60_000_000L)));
    }
    Histogram intelligence = new Histogram(60_000_000L, 3);
    for (Offer o : all) {
      Instant verified = otpVerifiedAt.get(o.loginId());
      Instant decided = decidedAt.get(o.loginId());
      if (verified != null && decided != null) {
        long micros = Duration.between(verified, decided).toNanos() / 1000;
        intelligence.recordValue(Math.max(0, Math.min(micros, 60_000_000L)));
      }
    }
    return new Result(h, unmatched + unreadable.get(), intelligence);
  }

  /**
   * @param unmatched offers without a latency: the event never came, or the ceremony could not be
   *     read
   * @param intelligenceMicros intelligence-service's part: {@code OtpVerified.occurredAt} → {@code
   *     PasskeyEligible.occurredAt} (its clock when it decided); the rest is the decision's Kafka
   *     hop and passkey-service
   */
  public record Result(Histogram micros, int unmatched, Histogram intelligenceMicros) {}

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      consumerThread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    redis.close();
    redisClient.shutdown();
  }
}
