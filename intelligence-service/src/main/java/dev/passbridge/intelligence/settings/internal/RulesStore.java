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
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
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
 * event ({@code RulesChanged}), the two written in one Kafka transaction, so a consumer that reads
 * committed records (the global rules table does) sees both or neither: no rules change without its
 * audit, no audit of a change that did not happen. A tombstone (written by hand) goes back to the
 * configuration file's rules. Nothing else changes: the state stores (profiles, pending and decided
 * logins, funnel) stay as they are.
 *
 * <p>The transactional producer is started on the first change, not with the service, so a broker
 * without transactions (or a slow one) costs the rules API, never the decisions. A change that
 * fails closes it (its open transaction, if any, is aborted by the broker after {@link
 * #TRANSACTION_TIMEOUT}, until when read-committed readers of the rules topic wait) and the next
 * change starts a new one.
 */
public class RulesStore implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(RulesStore.class);

  /** How long the broker keeps an abandoned transaction open before aborting it. */
  static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(15);

  /** The outcome of a change: the snapshot now in force, and whether this instance applied it. */
  public record Change(RulesSnapshot snapshot, boolean applied) {}

  private final ActiveRules active;
  private final StreamsAccess streams;
  private final Map<String, Object> producerConfig;
  private KafkaProducer<String, byte[]> producer; // guarded by this; null until the first change
  private static final EventSerializer EVENTS = new EventSerializer();
  private final String topic;
  private final Duration applyTimeout;
  private final Clock clock;
  private final Tracer tracer;
  private final Propagator propagator;

  public RulesStore(
      ActiveRules active,
      StreamsAccess streams,
      KafkaProperties kafka,
      IntelligenceProperties properties,
      Clock clock,
      Tracer tracer,
      Propagator propagator) {
    this.active = active;
    this.tracer = tracer;
    this.propagator = propagator;
    this.streams = streams;
    this.topic = properties.rulesTopic();
    this.applyTimeout = properties.rulesApplyTimeout();
    this.clock = clock;
    Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, applyTimeout.toMillis());
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
    this.producerConfig = Map.copyOf(props);
  }

  /** The rules this instance applies now. */
  public RulesSnapshot current() {
    return active.resolve(
        streams.<Object, String>read(
            RulesTable.STORE, store -> RulesTable.raw(store.get(ActiveRules.KEY))));
  }

  /**
   * Replaces the rules for every instance; audited as the admin's change. The rules as they are
   * (nothing differs, and they already were an admin's) are no change: the version stays, nothing
   * is written.
   */
  public Change replace(RulesConfig rules, UUID admin, @Nullable String reason) {
    RulesSnapshot before = current();
    if (!RulesChange.changesAnything(before, rules, false)) {
      log.info("rules version {} kept: admin {} saved them unchanged", before.version(), admin);
      return new Change(before, true);
    }
    RulesChange change =
        RulesChange.of(
            before,
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
    RulesSnapshot before = current();
    if (!RulesChange.changesAnything(before, active.configured().rules(), true)) {
      log.info(
          "rules version {} kept: already the configuration's (admin {})", before.version(), admin);
      return new Change(before, true);
    }
    RulesChange change =
        RulesChange.of(
            before,
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
   * The rules record and its audit event in one transaction, committed once all in-sync replicas
   * have both. Anything failing fails the request and leaves a fresh producer for the next change;
   * the transaction is aborted (or left for the broker to abort), except when the commit itself
   * timed out after reaching the broker: then the pair may still be committed. Either way both
   * records or neither are in force.
   *
   * <p>Both records carry the W3C trace context of a span for the change, a child of the admin's
   * request where there is one: written with a plain transactional producer, they get it from no
   * KafkaTemplate observation, and every event carries it (README, "Events").
   */
  private synchronized void publish(RulesChange change) {
    RulesChanged event = change.event();
    Span span = tracer.nextSpan().name("rules change").start();
    try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
      publish(change, event, span);
    } catch (RuntimeException e) {
      span.error(e);
      throw e;
    } finally {
      span.end();
    }
  }

  private void publish(RulesChange change, RulesChanged event, Span span) {
    Headers headers = new RecordHeaders();
    propagator.inject(
        span.context(),
        headers,
        (carrier, name, value) -> {
          carrier.remove(name);
          carrier.add(name, value.getBytes(StandardCharsets.UTF_8));
        });
    Headers rulesHeaders = new RecordHeaders(headers.toArray());
    byte[] audit = EVENTS.serialize(Topics.RULES_CHANGED.name(), headers, event);
    byte[] rules = ActiveRules.encode(change.snapshot()).getBytes(StandardCharsets.UTF_8);
    KafkaProducer<String, byte[]> p = null;
    try {
      p = producer();
      p.beginTransaction();
      p.send(new ProducerRecord<>(topic, null, ActiveRules.KEY, rules, rulesHeaders));
      p.send(new ProducerRecord<>(Topics.RULES_CHANGED.name(), null, event.key(), audit, headers));
      p.commitTransaction();
    } catch (org.apache.kafka.common.KafkaException | IllegalStateException e) {
      discard(p);
      log.warn(
          "rules version {} not confirmed (its rules and audit event are in force together or not"
              + " at all): {}",
          event.version(),
          e.toString());
      throw new KafkaException("the broker did not take the rules change", e);
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      Map<String, Object> props = new HashMap<>(producerConfig);
      String id = "intelligence-rules-" + UUID.randomUUID();
      props.put(ProducerConfig.CLIENT_ID_CONFIG, id);
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
      KafkaProducer<String, byte[]> created =
          new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
      try {
        created.initTransactions();
      } catch (RuntimeException e) {
        created.close(Duration.ZERO);
        throw e;
      }
      producer = created;
    }
    return producer;
  }

  /** Aborts what can be aborted and drops the producer; the next change makes a new one. */
  private void discard(KafkaProducer<String, byte[]> p) {
    if (p == null) {
      return;
    }
    try {
      p.abortTransaction();
    } catch (RuntimeException ignored) {
      // the broker aborts it after the transaction timeout
    }
    p.close(Duration.ZERO);
    producer = null;
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
  public synchronized void destroy() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(2));
      producer = null;
    }
  }
}
