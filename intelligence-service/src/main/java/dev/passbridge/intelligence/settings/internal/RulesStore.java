package dev.passbridge.intelligence.settings.internal;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.contracts.events.RulesChanged;
import dev.passbridge.contracts.serde.EventSerializer;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.intelligence.IntelligenceProperties;
import dev.passbridge.intelligence.internal.StreamsAccess;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.settings.ActiveRules;
import dev.passbridge.intelligence.settings.RulesChange;
import dev.passbridge.intelligence.settings.RulesSnapshot;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.KafkaException;

/**
 * The rules in force, shared by all instances through a compacted topic: a change is one record
 * (key {@value ActiveRules#KEY}), which every instance's global rules table picks up, and an audit
 * event ({@code RulesChanged}); a tombstone (written by hand) goes back to the configuration file's
 * rules. Nothing else changes: the state stores (profiles, pending and decided logins, funnel) stay
 * as they are.
 */
public class RulesStore implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(RulesStore.class);

  /** The outcome of a change: the snapshot now in force, and whether this instance applied it. */
  public record Change(RulesSnapshot snapshot, boolean applied) {}

  private final ActiveRules active;
  private final StreamsAccess streams;
  private final KafkaProducer<String, byte[]> producer;
  private static final EventSerializer EVENTS = new EventSerializer();
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
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** The rules this instance applies now. */
  public RulesSnapshot current() {
    return active.resolve(
        streams.<Object, String>read(
            RulesTable.STORE, store -> RulesTable.raw(store.get(ActiveRules.KEY))));
  }

  /** Replaces the rules for every instance; audited as the admin's change. */
  public Change replace(RulesConfig rules, UUID admin, @Nullable String reason) {
    RulesChange change =
        RulesChange.of(
            current(),
            rules,
            false,
            admin,
            admin.toString(),
            RulesChanged.ADMIN_REPLACE,
            reason,
            clock.instant());
    publish(change);
    log.info("rules version {} set by admin {}", change.snapshot().version(), admin);
    return awaitApplied(change.snapshot().version());
  }

  /** Goes back to the configuration file's rules for every instance; audited. */
  public Change reset(UUID admin) {
    RulesChange change =
        RulesChange.of(
            current(),
            active.configured().rules(),
            true,
            admin,
            admin.toString(),
            RulesChanged.ADMIN_RESET,
            "reset to the configuration file's rules",
            clock.instant());
    publish(change);
    log.info(
        "rules version {}: reset to the configuration by admin {}",
        change.snapshot().version(),
        admin);
    return awaitApplied(change.snapshot().version());
  }

  /**
   * The rules record, then its audit event, each acknowledged by all in-sync replicas before the
   * next (one idempotent producer). If the audit event cannot be written the rules are in force
   * already: logged as an error naming the version, and the request fails.
   */
  private void publish(RulesChange change) {
    send(
        new ProducerRecord<>(
            topic,
            ActiveRules.KEY,
            ActiveRules.encode(change.snapshot()).getBytes(StandardCharsets.UTF_8)));
    RulesChanged event = change.event();
    try {
      Headers headers = new RecordHeaders();
      byte[] value = EVENTS.serialize(Topics.RULES_CHANGED.name(), headers, event);
      send(new ProducerRecord<>(Topics.RULES_CHANGED.name(), null, event.key(), value, headers));
    } catch (KafkaException e) {
      log.error(
          "rules version {} is in force but its audit event was not written", event.version(), e);
      throw e;
    }
  }

  private void send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get(applyTimeout.toMillis(), TimeUnit.MILLISECONDS);
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
