package dev.passbridge.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void everyEventTypeHasExactlyOneTopic() {
    List<Class<?>> events = Arrays.asList(PassbridgeEvent.class.getPermittedSubclasses());
    List<Class<?>> topicTypes = Topics.ALL.stream().<Class<?>>map(Topic::valueType).toList();
    assertThat(topicTypes).containsExactlyInAnyOrderElementsOf(events);
  }

  @Test
  void topicNamesAreUniqueAndFollowTheConvention() {
    assertThat(new HashSet<>(Topics.ALL.stream().map(Topic::name).toList()))
        .hasSize(Topics.ALL.size());
    assertThat(Topics.ALL)
        .allSatisfy(t -> assertThat(t.name()).matches("passbridge\\.[a-z-]+\\.[a-z-]+\\.v1"));
  }

  @Test
  void allTopicsShareOnePartitionCountSoStreamsCanCoPartition() {
    assertThat(Topics.ALL.stream().map(Topic::defaultPartitions).distinct()).hasSize(1);
  }
}
