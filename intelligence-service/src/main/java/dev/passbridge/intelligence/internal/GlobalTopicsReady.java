package dev.passbridge.intelligence.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Holds Kafka Streams back until the global tables' topics have a leader for every partition.
 *
 * <p>This service creates those topics itself at start-up, and a broker can answer the topic's
 * creation before it serves the new topic's metadata. Kafka Streams' global thread asks for the
 * partitions once, and if there are none yet ("There are no partitions available for topic ...") it
 * dies; it cannot be replaced, so the whole Streams client and the service's start fail. Seen on a
 * fresh broker with four services starting at once. This phase runs just before the Streams client
 * starts, asks the broker until every partition has a leader (every 100 ms, up to {@code timeout}),
 * and then lets it start; after the timeout it lets it start anyway, which fails as before and says
 * why.
 */
final class GlobalTopicsReady implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(GlobalTopicsReady.class);

  private final KafkaAdmin admin;
  private final List<String> topics;
  private final Duration timeout;
  private final int phase;
  private volatile boolean running;

  GlobalTopicsReady(
      KafkaAdmin admin, List<String> topics, Duration timeout, StreamsBuilderFactoryBean streams) {
    this.admin = admin;
    this.topics = List.copyOf(topics);
    this.timeout = timeout;
    this.phase = streams.getPhase() - 1;
  }

  @Override
  public void start() {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    String waitingFor = "";
    while (System.nanoTime() < deadline) {
      waitingFor = notReady();
      if (waitingFor.isEmpty()) {
        running = true;
        log.atDebug()
            .addKeyValue("topics", topics)
            .log("global table topics ready after {} ms", (System.nanoTime() - t0) / 1_000_000);
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    running = true;
    log.atWarn()
        .addKeyValue("topic", waitingFor)
        .log(
            "topic {} has no leader for every partition after {}; starting Kafka Streams anyway",
            waitingFor,
            timeout);
  }

  /**
   * The first topic that has no partitions or a partition without a leader, or "" if none. One
   * request asks about all of them (Spring's {@code KafkaAdmin} opens an admin client per call);
   * only when the broker does not know one of them yet does it ask topic by topic, to name which.
   */
  String notReady() {
    Map<String, TopicDescription> described;
    try {
      described = admin.describeTopics(topics.toArray(String[]::new));
    } catch (KafkaException e) {
      described = null;
    }
    for (String topic : topics) {
      TopicDescription d = described != null ? described.get(topic) : describe(topic);
      if (d == null
          || d.partitions().isEmpty()
          || d.partitions().stream().anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
        return topic;
      }
    }
    return "";
  }

  /** The topic's description, or null while the broker does not know it. */
  private TopicDescription describe(String topic) {
    try {
      return admin.describeTopics(topic).get(topic);
    } catch (KafkaException e) {
      return null;
    }
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return phase;
  }
}
