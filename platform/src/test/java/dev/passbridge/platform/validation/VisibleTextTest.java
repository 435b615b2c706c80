package dev.passbridge.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VisibleTextTest {
  record Named(@NotBlank @VisibleText(max = 8) String name) {}

  private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

  private String problem(String name) {
    var violations = validator.validate(new Named(name));
    return violations.isEmpty() ? null : violations.iterator().next().getMessage();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\u202eb", // right-to-left override (Cf)
        "a\u200bb", // zero-width space (Cf)
        "a\u0000b", // NUL (Cc)
        "a\u0085b", // next line (Cc)
        "a\ud800b", // unpaired high surrogate (Cs)
        "a\udc00", // unpaired low surrogate (Cs)
        "a\u2028b", // line separator (Zl)
        "a\u2029b", // paragraph separator (Zp)
        "a\ue000b", // private use (Co)
        "a\udb80\udc00" // supplementary private use (Co), a proper pair
      })
  void refusesCharactersThatAreNotVisibleText(String name) {
    assertThat(problem(name)).isEqualTo(VisibleText.INVISIBLE);
  }

  @Test
  void countsCharactersNotUtf16Units() {
    String key = "\ud83d\udd11"; // one emoji, two UTF-16 units
    assertThat(problem(key.repeat(8))).as("8 characters, 16 units").isNull();
    assertThat(problem(key.repeat(9))).isEqualTo("must be at most 8 characters");
    assertThat(problem("x".repeat(9))).isEqualTo("must be at most 8 characters");
  }

  @Test
  void acceptsWhatPeopleWriteAndLeavesNullToNotBlank() {
    assertThat(problem("Café 手机")).isNull();
    assertThat(problem("\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67")).as("ZWJ").isNull();
    assertThat(problem("\u0645\u06cc\u200c\u062e")).as("ZWNJ").isNull();
    assertThat(VisibleText.Check.problem(null, 8)).isNull();
    assertThat(problem(null)).isEqualTo("must not be blank");
  }
}
