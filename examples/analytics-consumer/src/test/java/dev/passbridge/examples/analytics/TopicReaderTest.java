package dev.passbridge.examples.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The time left in the progress line, from the rate so far. */
class TopicReaderTest {
  @Test
  void etaFollowsTheRateSoFar() {
    assertThat(TopicReader.eta(250, 1000, 5.0)).isEqualTo(", ETA 15 s");
    assertThat(TopicReader.eta(100, 10_000, 2.0)).isEqualTo(", ETA 3 min 18 s");
    assertThat(TopicReader.eta(0, 1000, 5.0)).isEmpty();
    assertThat(TopicReader.eta(1000, 1000, 5.0)).isEmpty();
  }
}
