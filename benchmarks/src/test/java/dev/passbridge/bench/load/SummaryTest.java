package dev.passbridge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SummaryTest {

  @Test
  void percentilesAreInMillisecondsAndThroughputCountsSuccessesOnly() {
    StepStats s = new StepStats("x");
    for (int i = 1; i <= 100; i++) {
      s.success(i * 1_000_000L); // 1 .. 100 ms
    }
    s.failure("503 service-busy");
    s.failure("503 service-busy");
    s.failure("I/O SocketTimeoutException");

    Summary summary = Summary.of(s, 10);

    assertThat(summary.ok()).isEqualTo(100);
    assertThat(summary.failed()).isEqualTo(3);
    assertThat(summary.failures())
        .containsEntry("503 service-busy", 2L)
        .containsEntry("I/O SocketTimeoutException", 1L);
    assertThat(summary.perSecond()).isEqualTo(10.0);
    assertThat(summary.p50()).isCloseTo(50, within(0.1));
    assertThat(summary.p99()).isCloseTo(99, within(0.1));
    assertThat(summary.max()).isCloseTo(100, within(0.1));
    assertThat(summary.mean()).isCloseTo(50.5, within(0.1));
  }

  @Test
  void intervalsAreDrainedIntoTheTotal() {
    StepStats s = new StepStats("x");
    s.success(2_000_000);
    assertThat(s.drainInterval().getTotalCount()).isEqualTo(1);
    s.success(4_000_000);
    assertThat(s.drainInterval().getTotalCount()).isEqualTo(1);
    assertThat(s.total().getTotalCount()).isEqualTo(2);
  }

  @Test
  void anEmptyStepHasZeroes() {
    Summary summary = Summary.of(new StepStats("never"), 5);
    assertThat(summary.ok()).isZero();
    assertThat(summary.p99()).isZero();
  }
}
