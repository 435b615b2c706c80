package dev.passbridge.intelligence.decision.internal;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.serde.EventSerde;
import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.intelligence.brake.BrakeSignal;
import dev.passbridge.intelligence.decision.DecisionSettings;
import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.funnel.FunnelMetrics;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.internal.TopologySink;
import dev.passbridge.intelligence.internal.TopologyStep;
import dev.passbridge.intelligence.login.DecidedLogins;
import dev.passbridge.intelligence.login.LoginJoin;
import dev.passbridge.intelligence.login.LoginStep;
import dev.passbridge.intelligence.profile.ProfileProjection;
import dev.passbridge.intelligence.profile.Profiles;
import dev.passbridge.intelligence.rules.DecisionEngine;
import dev.passbridge.intelligence.settings.RulesInForce;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The intelligence topology, one step per feature:
 *
 * <pre>
 * password-authenticated ─┐
 * otp-verified ───────────┼─▶ login join (pending, timers) ─▶ decide ─┬─▶ passkey-eligible
 * otp-locked ─────────────┘        │ (decided marks)   ▲   ▲  rules   ├─▶ passkey-upgrade-skipped
 *                                  │                   │   (global)   │
 * passkey-created ────────┐        │              profiles            │
 * passkey-deleted ────────┼─▶ profile projection ──────┘              │
 * passkey-upgrade-failed ─┤        │                                  │
 * passkey-authenticated ──┤        │                                  │
 * user-erased ────────────┘        ▼                                  ▼
 *                     funnel steps (password, second factor, decision, feedback)
 *                        ─▶ repartition by day|platform|step ─▶ sum ─▶ funnel topic
 *                                                               ─▶ global funnel table
 *   CONDITIONAL decisions + CONDITIONAL failures ─▶ once per user and window ─▶ repartition
 *   (1 partition) by os/browser/major ─▶ brake windows ─▶ rules topic + rules-changed (when over
 *   the threshold)
 * </pre>
 *
 * All inputs (auth-service's user-erased among them) are keyed by user id and share one partition
 * count, so they are co-partitioned; the steps share stores, so they form one sub-topology and one
 * task sees everything about a user. A step forwards synchronously to the next, so a record is
 * joined, decided and counted before the next one is read, as in one processor. The rules and the
 * funnel counts are global tables.
 *
 * <p>The other features hand over their Kafka Streams parts as {@link Parts} (Spring beans of their
 * {@code internal} configurations, or built by a test), so this class composes them without
 * reaching into their {@code internal} packages.
 */
public final class DecisionTopology {
  private DecisionTopology() {}

  /**
   * The other features' parts of the topology.
   *
   * @param loginJoin the login join: events of {@link LoginJoin#INPUTS} → {@link LoginStep}s
   * @param decidedLogins the login's decided marks, which the decision writes
   * @param profileProjection the profile projection: events of {@link ProfileProjection#INPUTS} →
   *     funnel steps
   * @param profiles the passkey profiles, which the decision reads and records prompts in
   * @param rules the rules in force (a global table)
   * @param funnel counts the funnel steps of every feature
   * @param brake measures the silent-create failures and brakes the rollout
   */
  public record Parts(
      TopologyStep<PassbridgeEvent, LoginStep> loginJoin,
      StoreView<DecidedLogins> decidedLogins,
      TopologyStep<PassbridgeEvent, FunnelKey> profileProjection,
      StoreView<Profiles> profiles,
      StoreView<RulesInForce> rules,
      TopologySink<FunnelKey> funnel,
      TopologySink<BrakeSignal> brake) {}

  /** Inputs of the topology: the login join's, then the profile projection's. */
  public static final List<Topic<?>> INPUTS =
      Stream.concat(LoginJoin.INPUTS.stream(), ProfileProjection.INPUTS.stream()).toList();

  public static void build(
      StreamsBuilder builder,
      DecisionSettings settings,
      DecisionEngine engine,
      Parts parts,
      Clock clock,
      FunnelMetrics metrics) {
    parts.loginJoin().addStores(builder);
    parts.profileProjection().addStores(builder);
    parts.rules().addTo(builder);

    KStream<String, LoginStep> logins = parts.loginJoin().apply(merged(builder, LoginJoin.INPUTS));
    KStream<String, PassbridgeEvent> feedback = merged(builder, ProfileProjection.INPUTS);
    KStream<String, FunnelKey> feedbackSteps = parts.profileProjection().apply(feedback);

    List<String> stores = new ArrayList<>(parts.profiles().stores());
    stores.addAll(parts.decidedLogins().stores());
    stores.addAll(parts.rules().stores());
    KStream<String, Decided> decided =
        logins.process(
            () ->
                new UpgradeDecider(
                    engine, parts.rules(), parts.profiles(), parts.decidedLogins(), clock, metrics),
            Named.as("decide"),
            stores.toArray(String[]::new));

    decided
        .filter((k, v) -> v.eligible() != null, Named.as("eligible"))
        .mapValues(Decided::eligible, Named.as("as-eligible"))
        .to(
            Topics.PASSKEY_ELIGIBLE.name(),
            Produced.with(Serdes.String(), EventSerde.of(Topics.PASSKEY_ELIGIBLE))
                .withName("eligible-sink"));
    decided
        .filter((k, v) -> v.skipped() != null, Named.as("skipped"))
        .mapValues(Decided::skipped, Named.as("as-skipped"))
        .to(
            Topics.PASSKEY_UPGRADE_SKIPPED.name(),
            Produced.with(Serdes.String(), EventSerde.of(Topics.PASSKEY_UPGRADE_SKIPPED))
                .withName("skipped-sink"));

    KStream<String, FunnelKey> funnelSteps =
        logins
            .flatMapValues(LoginStep::funnelSteps, Named.as("login-funnel-steps"))
            .merge(
                decided.mapValues(Decided::funnelStep, Named.as("decision-funnel-steps")),
                Named.as("merge-decision-funnel-steps"))
            .merge(feedbackSteps, Named.as("merge-feedback-funnel-steps"));
    parts.funnel().consume(builder, funnelSteps);

    KStream<String, BrakeSignal> attempts =
        decided.flatMapValues(DecisionTopology::attempt, Named.as("brake-attempts"));
    KStream<String, BrakeSignal> failures =
        feedback.flatMapValues(DecisionTopology::failure, Named.as("brake-failures"));
    parts.brake().consume(builder, attempts.merge(failures, Named.as("merge-brake-signals")));
  }

  /** A silent create tried: {@code PasskeyEligible{CONDITIONAL}}. */
  private static List<BrakeSignal> attempt(Decided decided) {
    return decided.eligible() != null && decided.eligible().mode() == UpgradeMode.CONDITIONAL
        ? List.of(BrakeSignal.attempt(decided.eligible().platform(), decided.at()))
        : List.of();
  }

  /** A silent create failed: {@code PasskeyUpgradeFailed} of mode CONDITIONAL with a platform. */
  private static List<BrakeSignal> failure(PassbridgeEvent event) {
    return event instanceof PasskeyUpgradeFailed failed
            && failed.mode() == UpgradeMode.CONDITIONAL
            && failed.platform() != null
        ? List.of(BrakeSignal.failure(failed.platform(), failed.errorName(), failed.occurredAt()))
        : List.of();
  }

  private static KStream<String, PassbridgeEvent> merged(
      StreamsBuilder builder, List<Topic<?>> topics) {
    KStream<String, PassbridgeEvent> events = null;
    for (Topic<?> topic : topics) {
      KStream<String, PassbridgeEvent> stream = source(builder, topic);
      events =
          events == null ? stream : events.merge(stream, Named.as("merge-" + shortName(topic)));
    }
    return events;
  }

  private static <V extends PassbridgeEvent> KStream<String, PassbridgeEvent> source(
      StreamsBuilder builder, Topic<V> topic) {
    return builder.stream(
            topic.name(),
            Consumed.with(Serdes.String(), EventSerde.of(topic))
                .withName("source-" + shortName(topic)))
        .mapValues(v -> (PassbridgeEvent) v, Named.as("event-" + shortName(topic)));
  }

  private static String shortName(Topic<?> topic) {
    return topic.valueType().getSimpleName();
  }
}
