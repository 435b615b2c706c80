package dev.passbridge.intelligence.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.intelligence.MutableClock;
import dev.passbridge.intelligence.decision.internal.DecisionTopology;
import dev.passbridge.intelligence.funnel.FunnelMetrics;
import dev.passbridge.intelligence.rules.DecisionEngine;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.settings.ActiveRules;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The steps are separate processors, but what Kafka Streams keeps and names stays as it was: one
 * sub-topology reads every input and holds every local store (one task sees everything about a
 * user; the brake's once-per-user store and the funnel's pending sums too, since they are kept per
 * input partition), the store names (and so the changelog topics) and the funnel's repartition
 * topic.
 */
class TopologyShapeTest {
  @Test
  void oneSubTopologyHoldsEveryInputAndEveryLocalStoreUnderTheirNames() {
    StreamsBuilder builder = new StreamsBuilder();
    DecisionTopology.build(
        builder,
        TopologyHarness.SETTINGS,
        DecisionEngine.standard(),
        TopologyHarness.parts(new ActiveRules(RulesConfig.defaults()), FunnelMetrics.NONE),
        new MutableClock(Instant.parse("2025-09-15T08:00:00Z")),
        FunnelMetrics.NONE);
    TopologyDescription description = builder.build().describe();

    Set<String> inputs = new TreeSet<>();
    DecisionTopology.INPUTS.stream().map(Topic::name).forEach(inputs::add);
    TopologyDescription.Subtopology decisions = reading(description, inputs);
    assertThat(stores(decisions))
        .containsExactlyInAnyOrder(
            "intel-pending",
            "intel-decided",
            "intel-profiles",
            "intel-erased",
            "intel-timers",
            "intel-brake-counted",
            "intel-funnel-pending");
    assertThat(sinks(decisions))
        .contains(
            Topics.PASSKEY_ELIGIBLE.name(),
            Topics.PASSKEY_UPGRADE_SKIPPED.name(),
            "funnel-repartition");
    assertThat(DecisionTopology.INPUTS)
        .containsExactlyInAnyOrderElementsOf(
            List.of(
                Topics.PASSWORD_AUTHENTICATED,
                Topics.OTP_VERIFIED,
                Topics.OTP_LOCKED,
                Topics.PASSKEY_CREATED,
                Topics.PASSKEY_DELETED,
                Topics.PASSKEY_UPGRADE_FAILED,
                Topics.PASSKEY_AUTHENTICATED,
                Topics.USER_ERASED));

    TopologyDescription.Subtopology funnel = reading(description, Set.of("funnel-repartition"));
    assertThat(stores(funnel)).containsExactly("intel-funnel-counts");
    assertThat(sinks(funnel)).containsExactly(TopologyHarness.SETTINGS.funnelTopic());

    // the sub-topology ids are part of the task ids (1_0, 2_3, ...) that running instances hold: a
    // change of them would make a rolling restart hand tasks and their state to the wrong step
    TopologyDescription.Subtopology brake = reading(description, Set.of("brake-repartition"));
    assertThat(List.of(decisions.id(), funnel.id(), brake.id()))
        .as("sub-topology ids of the decisions, the funnel and the brake")
        .containsExactly(1, 2, 4);
    assertThat(description.globalStores())
        .flatExtracting(g -> g.source().topicSet())
        .containsExactlyInAnyOrder(
            TopologyHarness.SETTINGS.rulesTopic(), TopologyHarness.SETTINGS.funnelTopic());
  }

  /** The sub-topology whose sources include every one of {@code topics}. */
  private static TopologyDescription.Subtopology reading(
      TopologyDescription description, Set<String> topics) {
    return description.subtopologies().stream()
        .filter(s -> sources(s).containsAll(topics))
        .findFirst()
        .orElseThrow(() -> new AssertionError(description.toString()));
  }

  private static Set<String> sources(TopologyDescription.Subtopology sub) {
    Set<String> topics = new TreeSet<>();
    for (TopologyDescription.Node node : sub.nodes()) {
      if (node instanceof TopologyDescription.Source source) {
        topics.addAll(source.topicSet());
      }
    }
    return topics;
  }

  private static Set<String> sinks(TopologyDescription.Subtopology sub) {
    Set<String> topics = new TreeSet<>();
    for (TopologyDescription.Node node : sub.nodes()) {
      if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
        topics.add(sink.topic());
      }
    }
    return topics;
  }

  private static Set<String> stores(TopologyDescription.Subtopology sub) {
    Set<String> stores = new TreeSet<>();
    for (TopologyDescription.Node node : sub.nodes()) {
      if (node instanceof TopologyDescription.Processor processor) {
        stores.addAll(processor.stores());
      }
    }
    return stores;
  }
}
