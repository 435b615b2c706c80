package dev.passbridge.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Text fields are at most 512 characters counted as code points: an API that takes 500 characters
 * (a rules change's reason) must not be refused by the event for 300 emoji (600 UTF-16 units).
 */
class RequireTest {
  private static final String KEY = "\ud83d\udd11";

  @Test
  void textIsCountedInCodePoints() {
    assertThat(Require.text(KEY.repeat(512), "reason")).hasSize(1024);
    assertThatThrownBy(() -> Require.text(KEY.repeat(513), "reason"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason is longer than 512 characters");
    assertThat(Require.text("a".repeat(512), "reason")).hasSize(512);
    assertThatThrownBy(() -> Require.text("a".repeat(513), "reason"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
