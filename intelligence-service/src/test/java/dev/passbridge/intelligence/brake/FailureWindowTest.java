package dev.passbridge.intelligence.brake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.intelligence.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureWindowTest {
  static final Instant T = Instant.parse("2025-09-15T08:00:00Z");
  static final BrakeSettings SETTINGS =
      new BrakeSettings(true, Duration.ofMinutes(20), 4, 0.5, List.of("InvalidStateError"));

  FailureWindow window = FailureWindow.empty();

  void attempt(Instant at) {
    window = window.with(BrakeSignal.attempt(Fixtures.ANDROID_CHROME_141, at), SETTINGS);
  }

  void failure(String error, Instant at) {
    window = window.with(BrakeSignal.failure(Fixtures.ANDROID_CHROME_141, error, at), SETTINGS);
  }

  @Test
  void countsAttemptsAndFailuresByErrorAndIgnoresTheIgnoredOnes() {
    for (int i = 0; i < 4; i++) {
      attempt(T.plusSeconds(i));
    }
    failure("NotAllowedError", T.plusSeconds(10));
    failure("InvalidStateError", T.plusSeconds(11));
    assertThat(window.attempts()).isEqualTo(4);
    assertThat(window.failures()).isEqualTo(1);
    assertThat(window.overThreshold(SETTINGS)).isFalse();
    failure("AbortError", T.plusSeconds(12));
    assertThat(window.rate()).isEqualTo(0.5);
    assertThat(window.overThreshold(SETTINGS)).isTrue();
    assertThat(window.failuresByError())
        .containsExactly(
            java.util.Map.entry("AbortError", 1L), java.util.Map.entry("NotAllowedError", 1L));
    assertThat(window.describe(SETTINGS))
        .isEqualTo(
            "2 of 4 silent creates failed (50.0%, threshold 50.0%, minimum sample 4) in the last"
                + " 20m; by error: {AbortError=1, NotAllowedError=1}");
  }

  @Test
  void oldBucketsSlideOutAndMemoryStaysBounded() {
    for (int i = 0; i < 1_000; i++) {
      attempt(T.plusSeconds(i * 10L));
    }
    // 20 minutes of one attempt every 10 s, in one-minute buckets
    assertThat(window.buckets()).hasSizeLessThanOrEqualTo(BrakeSettings.BUCKETS + 1);
    assertThat(window.attempts()).isBetween(114L, 126L);
    failure("NotAllowedError", T.plusSeconds(10_000).plus(Duration.ofHours(1)));
    assertThat(window.attempts()).isZero();
    assertThat(window.failures()).isEqualTo(1);
    assertThat(window.overThreshold(SETTINGS)).as("no sample").isFalse();
  }

  @Test
  void aLateSignalOlderThanTheWindowChangesNothing() {
    attempt(T.plus(Duration.ofHours(1)));
    failure("NotAllowedError", T);
    assertThat(window.failures()).isZero();
    assertThat(window.attempts()).isEqualTo(1);
  }

  @Test
  void signalsAreKeptPerPlatformAndBrowserMajor() {
    assertThat(BrakeSignal.attempt(Fixtures.ANDROID_CHROME_141, T).windowKey())
        .isEqualTo("Android/Chrome/141");
    assertThat(
            BrakeSignal.attempt(
                    new dev.passbridge.contracts.events.Platform(
                        "Android", null, "Chrome", null, "Phone"),
                    T)
                .windowKey())
        .isEqualTo("Android/Chrome/unknown");
  }
}
