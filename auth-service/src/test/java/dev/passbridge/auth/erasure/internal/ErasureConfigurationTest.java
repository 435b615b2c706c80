package dev.passbridge.auth.erasure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * An erased name's login limits are forgotten at once and again once late logins have written: the
 * second time is asked for whatever the first did, waits long enough for a password check, and runs
 * at the latest when the context closes.
 */
class ErasureConfigurationTest {

  @Test
  void forgetsNowAndAsksForTheSameForgettingLater() {
    List<String> forgotten = new ArrayList<>();
    List<String> later = new ArrayList<>();
    Consumer<String> forget = ErasureConfiguration.forgetNowAndAgain(forgotten::add, later::add);

    forget.accept("alice");

    assertThat(forgotten).containsExactly("alice");
    assertThat(later).containsExactly("alice");
  }

  @Test
  void aFailedFirstTimeGoesToTheCallerAndStillAsksForTheSecond() {
    List<String> later = new ArrayList<>();
    Consumer<String> forget =
        ErasureConfiguration.forgetNowAndAgain(
            key -> {
              throw new IllegalStateException("first");
            },
            later::add);

    assertThatThrownBy(() -> forget.accept("bob")).hasMessage("first");
    assertThat(later).containsExactly("bob");
  }

  @Test
  void theSecondTimeWaitsAMinuteOrTwoHashingQueueWaitsIfLonger() {
    assertThat(ErasureConfiguration.lateWrites(Duration.ofSeconds(2)))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(ErasureConfiguration.lateWrites(Duration.ofSeconds(40)))
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void whatStillWaitsRunsWhenTheContextClosesAndAFailureStaysInside() {
    List<String> forgotten = new CopyOnWriteArrayList<>();
    LateForgetting late =
        new LateForgetting(
            key -> {
              if (key.equals("broken")) {
                throw new IllegalStateException("Redis down");
              }
              forgotten.add(key);
            },
            Duration.ofHours(1));
    late.later("carol");
    late.later("broken");
    late.later("dave");
    assertThat(forgotten).isEmpty();

    late.close();

    assertThat(forgotten).containsExactlyInAnyOrder("carol", "dave");
  }

  @Test
  void theSecondTimeRunsAfterTheDelay() throws Exception {
    List<String> forgotten = new CopyOnWriteArrayList<>();
    try (LateForgetting late = new LateForgetting(forgotten::add, Duration.ofMillis(50))) {
      late.later("erin");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (forgotten.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(forgotten).containsExactly("erin");
    }
  }

  @Test
  void theErasedMarkOutlivesASessionAndALoginTransactionWhicheverIsLonger() {
    assertThat(ErasureConfiguration.erasedMarkLifetime(Duration.ofHours(1), Duration.ofMinutes(10)))
        .isEqualTo(Duration.ofHours(1));
    assertThat(
            ErasureConfiguration.erasedMarkLifetime(Duration.ofMinutes(5), Duration.ofMinutes(10)))
        .isEqualTo(Duration.ofMinutes(10));
  }
}
