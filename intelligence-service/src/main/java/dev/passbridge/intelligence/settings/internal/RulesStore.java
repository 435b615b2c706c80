package dev.passbridge.intelligence.settings.internal;

import dev.passbridge.intelligence.IntelligenceProperties;
import dev.passbridge.intelligence.internal.StreamsAccess;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.settings.ActiveRules;
import dev.passbridge.intelligence.settings.RulesSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.KafkaException;

/**
 * The rules in force, shared by all instances through a compacted topic: a change is one record
 * (key {@value ActiveRules#KEY}), which every instance's global rules table picks up; a tombstone
 * goes back to the configuration file's rules. Nothing else changes: the state stores (profiles,
 * pending and decided logins, funnel) stay as they are.
 */
public class RulesStore implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(RulesStore.class);

  /** The outcome of a change: the snapshot now in force, and whether this instance applied it. */
  public record Change(RulesSnapshot snapshot, boolean applied) {}

  private final ActiveRules active;
  private final StreamsAccess streams;
  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final Duration applyTimeout;
  private final Clock clock;

  public RulesStore(
      ActiveRules active,
      StreamsAccess streams,
      KafkaProperties kafka,
      IntelligenceProperties properties,
      Clock clock) {
    this.active = active;
    this.streams = streams;
    this.topic = properties.rulesTopic();
    this.applyTimeout = properties.rulesApplyTimeout();
    this.clock = clock;
    Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "intelligence-rules-" + UUID.randomUUID());
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** The rules this instance applies now. */
  public RulesSnapshot current() {
    return active.resolve(
        streams.<Object, String>read(
            RulesTable.STORE, store -> RulesTable.raw(store.get(ActiveRules.KEY))));
  }

  /** Replaces the rules for every instance. */
  public Change replace(RulesConfig rules, UUID admin) {
    RulesSnapshot next =
        new RulesSnapshot(current().version() + 1, clock.instant(), admin.toString(), rules);
    send(ActiveRules.encode(next));
    log.info("rules version {} set by admin {}", next.version(), admin);
    return awaitApplied(next.version());
  }

  /** Goes back to the configuration file's rules for every instance. */
  public Change reset(UUID admin) {
    send(null);
    log.info("rules reset to the configuration by admin {}", admin);
    return awaitApplied(0);
  }

  private void send(String value) {
    try {
      producer
          .send(new ProducerRecord<>(topic, ActiveRules.KEY, value))
          .get(applyTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while publishing the rules", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaException("the broker did not acknowledge the rules", e);
    }
  }

  private Change awaitApplied(long version) {
    long deadline = System.nanoTime() + applyTimeout.toNanos();
    RulesSnapshot now = current();
    while (now.version() != version && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      now = current();
    }
    return new Change(now, now.version() == version);
  }

  @Override
  public void destroy() {
    producer.close(Duration.ofSeconds(2));
  }
}
