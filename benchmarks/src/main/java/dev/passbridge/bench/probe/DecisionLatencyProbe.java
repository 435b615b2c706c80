package dev.passbridge.bench.probe;

import dev.passbridge.bench.load.Journeys;
import dev.passbridge.contracts.events.OtpVerified;
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
  private final ConcurrentLinkedQueue<Offer> offers = new ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger unreadable =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean running = true;

  private record Offer(String loginId, Instant ceremonyCreatedAt) {}

  private final String intelligenceMetrics;
  private double[] intelligenceAtBegin = {0, 0};

  /**
   * @param intelligenceUrl intelligence-service's own address: its {@code
   *     passbridge_intelligence_decision_latency_seconds} (OtpVerified record → decision forwarded)
   *     splits the latency into intelligence-service's part and the rest; null to skip
   */
  public DecisionLatencyProbe(String bootstrapServers, int redisPort, String intelligenceUrl) {
    this.intelligenceMetrics =
        intelligenceUrl == null ? null : intelligenceUrl + "/actuator/prometheus";
    this.redisClient = RedisClient.create(RedisURI.create("127.0.0.1", redisPort));
    this.redis = redisClient.connect();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    consumer = new KafkaConsumer<>(p);
    String topic = Topics.OTP_VERIFIED.name();
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(i -> new TopicPartition(topic, i.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    consumerThread = Thread.ofPlatform().daemon().name("bench-decision-probe").start(this::consume);
  }

  private void consume() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          OtpVerified e = EventJson.read(r.value(), OtpVerified.class);
          otpVerifiedAt.put(e.loginId(), e.occurredAt());
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
    unreadable.set(0);
    intelligenceAtBegin = intelligenceSumAndCount();
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
    double[] now = intelligenceSumAndCount();
    double count = now[1] - intelligenceAtBegin[1];
    double intelligenceMeanMillis =
        count > 0 ? (now[0] - intelligenceAtBegin[0]) / count * 1000 : -1;
    return new Result(h, unmatched + unreadable.get(), intelligenceMeanMillis);
  }

  /**
   * intelligence-service's decision-latency timer (all outcomes): {sum in seconds, count}, or zeros
   * when it cannot be read.
   */
  private double[] intelligenceSumAndCount() {
    if (intelligenceMetrics == null) {
      return new double[] {0, 0};
    }
    try (var client = java.net.http.HttpClient.newHttpClient()) {
      String body =
          client
              .send(
                  java.net.http.HttpRequest.newBuilder(java.net.URI.create(intelligenceMetrics))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      double sum = 0;
      double count = 0;
      for (String line : body.split("\n")) {
        if (line.startsWith("passbridge_intelligence_decision_latency_seconds_sum")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        } else if (line.startsWith("passbridge_intelligence_decision_latency_seconds_count")) {
          count += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return new double[] {sum, count};
    } catch (Exception e) {
      return new double[] {0, 0};
    }
  }

  /**
   * @param unmatched offers without a latency: the event never came, or the ceremony could not be
   *     read
   * @param intelligenceMeanMillis mean of intelligence-service's own part (OtpVerified record time
   *     → decision forwarded) over the same period, all its decisions; -1 when not available
   */
  public record Result(Histogram micros, int unmatched, double intelligenceMeanMillis) {}

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
