package dev.passbridge.intelligence.decision;

import dev.passbridge.contracts.events.LoginEvent;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.RulesChanged;
import dev.passbridge.contracts.serde.EventSerde;
import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.intelligence.MutableClock;
import dev.passbridge.intelligence.brake.BrakeMetrics;
import dev.passbridge.intelligence.brake.BrakeSettings;
import dev.passbridge.intelligence.brake.internal.BrakeTopology;
import dev.passbridge.intelligence.decision.internal.DecisionTopology;
import dev.passbridge.intelligence.funnel.FunnelMetrics;
import dev.passbridge.intelligence.funnel.FunnelStores;
import dev.passbridge.intelligence.funnel.internal.FunnelTopology;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.internal.StreamsConfiguration;
import dev.passbridge.intelligence.login.DecidedLogins;
import dev.passbridge.intelligence.login.internal.LoginTopology;
import dev.passbridge.intelligence.profile.ProfileStores;
import dev.passbridge.intelligence.profile.internal.ProfileTopology;
import dev.passbridge.intelligence.rules.DecisionEngine;
import dev.passbridge.intelligence.rules.PasskeyProfile;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.settings.ActiveRules;
import dev.passbridge.intelligence.settings.RulesInForce;
import dev.passbridge.intelligence.settings.RulesSnapshot;
import dev.passbridge.intelligence.settings.internal.RulesTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The decision topology on a {@link TopologyTestDriver}: events are piped with their {@code
 * occurredAt} as record timestamp, the wall clock moves only when the test says so.
 */
final class TopologyHarness implements AutoCloseable {
  /** The topics' retention as the service's default gives it: how long an erasure's mark lives. */
  static final Duration ERASURE_MARK_RETENTION = Duration.ofDays(7);

  static final DecisionSettings SETTINGS =
      new DecisionSettings(
          Duration.ofMinutes(10),
          Duration.ofSeconds(30),
          Duration.ofSeconds(1),
          Duration.ofDays(7),
          "test-rules",
          "test-funnel");

  final TopologyTestDriver driver;
  final MutableClock clock;
  private final Map<Topic<?>, TestInputTopic<String, PassbridgeEvent>> inputs = new HashMap<>();
  private final TestOutputTopic<String, PasskeyEligible> eligible;
  private final TestOutputTopic<String, PasskeyUpgradeSkipped> skipped;
  private final TestInputTopic<String, String> rules;
  private final TestOutputTopic<String, Long> funnelChanges;
  private final TestOutputTopic<String, Long> funnelIncrements;
  private final TestOutputTopic<String, String> rulesWritten;
  private final TestOutputTopic<String, RulesChanged> rulesChanged;
  private final TestOutputTopic<String, String> profilesChangelog;
  private final List<PassbridgeEvent> decisions = new ArrayList<>();

  /** The features' parts, as their configurations build them in the service. */
  static DecisionTopology.Parts parts(
      ActiveRules rules, FunnelMetrics metrics, BrakeSettings brake, Clock clock) {
    StoreView<DecidedLogins> decided = LoginTopology.decidedLogins(SETTINGS.decidedRetention());
    StoreView<RulesInForce> rulesInForce = RulesTable.view(SETTINGS.rulesTopic(), rules);
    return new DecisionTopology.Parts(
        new LoginTopology(SETTINGS.login()),
        decided,
        new ProfileTopology(decided, ERASURE_MARK_RETENTION),
        ProfileTopology.profiles(),
        rulesInForce,
        new FunnelTopology(SETTINGS.funnelTopic(), SETTINGS.punctuateInterval(), metrics),
        new BrakeTopology(brake, rulesInForce, SETTINGS.rulesTopic(), clock, BrakeMetrics.NONE));
  }

  static DecisionTopology.Parts parts(ActiveRules rules, FunnelMetrics metrics) {
    return parts(rules, metrics, BrakeSettings.defaults(), Clock.systemUTC());
  }

  TopologyHarness(Path stateDir, Instant start, RulesConfig configured, FunnelMetrics metrics) {
    this(stateDir, start, configured, metrics, BrakeSettings.defaults());
  }

  TopologyHarness(
      Path stateDir,
      Instant start,
      RulesConfig configured,
      FunnelMetrics metrics,
      BrakeSettings brake) {
    clock = new MutableClock(start);
    StreamsBuilder builder = new StreamsBuilder();
    DecisionTopology.build(
        builder,
        SETTINGS,
        DecisionEngine.standard(),
        parts(new ActiveRules(configured), metrics, brake, clock),
        clock,
        metrics);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "intelligence-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(
        StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, StreamsConfiguration.RECORD_CACHE_BYTES);
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    driver = new TopologyTestDriver(builder.build(), props, start);
    for (Topic<?> topic : DecisionTopology.INPUTS) {
      inputs.put(topic, input(topic));
    }
    eligible =
        driver.createOutputTopic(
            Topics.PASSKEY_ELIGIBLE.name(),
            new StringDeserializer(),
            EventSerde.of(Topics.PASSKEY_ELIGIBLE).deserializer());
    skipped =
        driver.createOutputTopic(
            Topics.PASSKEY_UPGRADE_SKIPPED.name(),
            new StringDeserializer(),
            EventSerde.of(Topics.PASSKEY_UPGRADE_SKIPPED).deserializer());
    rules =
        driver.createInputTopic(
            SETTINGS.rulesTopic(), new StringSerializer(), new StringSerializer());
    funnelChanges =
        driver.createOutputTopic(
            SETTINGS.funnelTopic(), new StringDeserializer(), new LongDeserializer());
    funnelIncrements =
        driver.createOutputTopic(
            "intelligence-test-funnel-repartition",
            new StringDeserializer(),
            new LongDeserializer());
    rulesWritten =
        driver.createOutputTopic(
            SETTINGS.rulesTopic(), new StringDeserializer(), new StringDeserializer());
    rulesChanged =
        driver.createOutputTopic(
            Topics.RULES_CHANGED.name(),
            new StringDeserializer(),
            EventSerde.of(Topics.RULES_CHANGED).deserializer());
    profilesChangelog =
        driver.createOutputTopic(
            "intelligence-test-" + ProfileStores.PROFILES + "-changelog",
            new StringDeserializer(),
            new StringDeserializer());
  }

  /** The profile store as the processors see it: user id → profile, none for a user not kept. */
  KeyValueStore<String, PasskeyProfile> profiles() {
    return driver.getKeyValueStore(ProfileStores.PROFILES);
  }

  /** The erased users' marks: user id → when the erasure was applied (epoch milliseconds). */
  KeyValueStore<String, Long> erasedMarks() {
    return driver.getKeyValueStore(ProfileStores.ERASED);
  }

  /**
   * The records written to the profile store's changelog since the last call, in order: the
   * profile's JSON, or null for a tombstone (the driver commits, and so flushes the record cache,
   * after every input record).
   */
  List<TestRecord<String, String>> profilesChangelog() {
    return profilesChangelog.readRecordsToList();
  }

  /** Rules records the topology wrote (the brake's changes), in order. */
  List<String> rulesWritten() {
    return rulesWritten.readValuesToList();
  }

  /** Audit events the topology wrote, in order. */
  List<RulesChanged> rulesChanged() {
    return rulesChanged.readValuesToList();
  }

  /** Audit records the topology wrote, with their headers, in order. */
  List<TestRecord<String, RulesChanged>> rulesChangedRecords() {
    return rulesChanged.readRecordsToList();
  }

  /** The rules in force as the global table holds them now. */
  RulesSnapshot rulesInForce(RulesConfig configured) {
    KeyValueStore<String, Object> store = driver.getKeyValueStore(RulesTable.STORE);
    Object value = store.get(ActiveRules.KEY);
    String raw =
        (String)
            (value instanceof org.apache.kafka.streams.state.ValueAndTimestamp<?> timestamped
                ? timestamped.value()
                : value);
    return new ActiveRules(configured).resolve(raw);
  }

  TopologyHarness(Path stateDir, Instant start) {
    this(stateDir, start, RulesConfig.defaults(), FunnelMetrics.NONE);
  }

  @SuppressWarnings("unchecked")
  private <V extends PassbridgeEvent> TestInputTopic<String, PassbridgeEvent> input(
      Topic<V> topic) {
    var serializer = EventSerde.of(topic).serializer();
    return (TestInputTopic<String, PassbridgeEvent>)
        (TestInputTopic<String, ?>)
            driver.createInputTopic(topic.name(), new StringSerializer(), serializer);
  }

  /** Pipes {@code event} to its topic, record timestamp = occurredAt. */
  void send(PassbridgeEvent event) {
    send(event, event.occurredAt());
  }

  void send(PassbridgeEvent event, Instant recordTime) {
    inputs.get(Topics.of(event)).pipeInput(event.key(), event, recordTime);
  }

  /** Pipes {@code event} with {@code headers} (a trace context, say). */
  void send(PassbridgeEvent event, Headers headers) {
    inputs
        .get(Topics.of(event))
        .pipeInput(new TestRecord<>(event.key(), event, headers, event.occurredAt()));
  }

  /** Moves the wall clock (and the service clock) on; wall-clock punctuation runs. */
  void advanceWallClock(Duration by) {
    clock.advance(by);
    driver.advanceWallClockTime(by);
  }

  void setRules(RulesConfig config, long version) {
    rules.pipeInput(
        ActiveRules.KEY,
        ActiveRules.encode(new RulesSnapshot(version, clock.instant(), "test-admin", config)),
        clock.instant());
  }

  /** Pipes {@code raw} as it is to the rules topic (a record written by hand or an old version). */
  void setRawRules(String raw) {
    rules.pipeInput(ActiveRules.KEY, raw, clock.instant());
  }

  void resetRules() {
    rules.pipeInput(ActiveRules.KEY, null, clock.instant());
  }

  /** Every decision emitted so far, in order. */
  List<PassbridgeEvent> decisions() {
    decisions.addAll(eligible.readValuesToList());
    decisions.addAll(skipped.readValuesToList());
    return List.copyOf(decisions);
  }

  /**
   * The skip decisions since the last read, with their headers (they are not in {@link
   * #decisions}).
   */
  List<TestRecord<String, PasskeyUpgradeSkipped>> skippedRecords() {
    return skipped.readRecordsToList();
  }

  List<PassbridgeEvent> decisionsOf(String loginId) {
    return decisions().stream().filter(e -> ((LoginEvent) e).loginId().equals(loginId)).toList();
  }

  PassbridgeEvent onlyDecisionOf(String loginId) {
    List<PassbridgeEvent> of = decisionsOf(loginId);
    if (of.size() != 1) {
      throw new AssertionError("expected exactly one decision for " + loginId + ", got " + of);
    }
    return of.getFirst();
  }

  /** The increments sent to the funnel's repartition topic since the last call, in order. */
  List<Map.Entry<String, Long>> funnelIncrements() {
    return funnelIncrements.readKeyValuesToList().stream()
        .map(kv -> Map.entry(kv.key, kv.value))
        .toList();
  }

  /** The global funnel table's counts (what the HTTP API reads). */
  Map<String, Long> funnel() {
    // the pending sums are sent every punctuate interval of wall-clock time
    driver.advanceWallClockTime(SETTINGS.punctuateInterval());
    funnelChanges.readKeyValuesToList();
    Map<String, Long> counts = new TreeMap<>();
    KeyValueStore<String, Long> store = driver.getKeyValueStore(FunnelStores.GLOBAL);
    try (KeyValueIterator<String, Long> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, Long> kv = it.next();
        counts.put(kv.key, kv.value);
      }
    }
    return counts;
  }

  @Override
  public void close() {
    driver.close();
  }
}
