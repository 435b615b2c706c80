package dev.passbridge.auth.erasure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * An erased name's login limits are forgotten at once and again once late logins have written: the
 * second time is handed to the delayed executor whatever the first did.
 */
class ErasureConfigurationTest {

  @Test
  void forgetsNowAndHandsTheSameForgettingToLater() {
    List<String> forgotten = new ArrayList<>();
    List<Runnable> later = new ArrayList<>();
    Consumer<String> forget = ErasureConfiguration.forgetNowAndAgain(forgotten::add, later::add);

    forget.accept("alice");

    assertThat(forgotten).containsExactly("alice");
    assertThat(later).hasSize(1);
    later.getFirst().run();
    assertThat(forgotten).containsExactly("alice", "alice");
  }

  @Test
  void aFailedFirstTimeStillForgetsLaterAndAFailedSecondTimeStaysInside() {
    List<String> forgotten = new ArrayList<>();
    List<Runnable> later = new ArrayList<>();
    int[] calls = {0};
    Consumer<String> flaky =
        key -> {
          calls[0]++;
          if (calls[0] == 1) {
            throw new IllegalStateException("Redis down");
          }
          forgotten.add(key);
        };
    Consumer<String> forget = ErasureConfiguration.forgetNowAndAgain(flaky, later::add);

    assertThatThrownBy(() -> forget.accept("bob")).isInstanceOf(IllegalStateException.class);
    assertThat(later).hasSize(1);
    later.getFirst().run();
    assertThat(forgotten).containsExactly("bob");

    Consumer<String> alwaysFailing =
        ErasureConfiguration.forgetNowAndAgain(
            key -> {
              throw new IllegalStateException("Redis down");
            },
            Runnable::run);
    // the second time runs inline here: its failure is logged, not thrown at the executor
    assertThatThrownBy(() -> alwaysFailing.accept("carol"))
        .isInstanceOf(IllegalStateException.class)
        .hasNoSuppressedExceptions();
  }
}
