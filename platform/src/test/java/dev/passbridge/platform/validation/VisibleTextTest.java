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
        "a\u202ab", // left-to-right embedding (Cf)
        "a\u2067b", // right-to-left isolate (Cf)
        "\ufeffa", // byte-order mark (Cf)
        "a\u2060b", // word joiner (Cf)
        "a\tb", // tab (Cc)
        "a\nb", // line feed (Cc)
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
    assertThat(problem("\u05d3\u05e0\u05d4 (2)\u200f")).as("RLM in a Hebrew name").isNull();
    assertThat(problem("\u061c\u0639\u0644\u064a")).as("ALM").isNull();
    assertThat(problem("Wei\u00adss")).as("soft hyphen").isNull();
    // the flag of Scotland: a black flag and tag characters
    String scotland =
        "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f";
    assertThat(problem(scotland)).as("tag sequence").isNull();
    assertThat(VisibleText.Check.problem(null, 8)).isNull();
    assertThat(problem(null)).isEqualTo("must not be blank");
  }
}
