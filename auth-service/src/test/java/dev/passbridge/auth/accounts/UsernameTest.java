package dev.passbridge.auth.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {

  @Test
  void keepsTheTypedFormAndLowerCasesTheKey() {
    Username u = Username.parse("Alice").orElseThrow();
    assertThat(u.typed()).isEqualTo("Alice");
    assertThat(u.key()).isEqualTo("alice");
  }

  @Test
  void fullWidthAndCaseVariantsShareOneKey() {
    assertThat(Username.keyOf("ＡＬＩＣＥ")).isEqualTo("alice");
    assertThat(Username.keyOf("ALICE")).isEqualTo("alice");
    assertThat(Username.keyOf("  alice ")).isEqualTo("alice");
  }

  @Test
  void composedAndDecomposedAccentsShareOneKey() {
    String composed = "Jos\u00e9";
    String decomposed = "Jose\u0301";
    assertThat(Username.keyOf(composed)).isEqualTo(Username.keyOf(decomposed)).isEqualTo("josé");
  }

  @Test
  void ligaturesAndCompatibilityCharactersAreFolded() {
    assertThat(Username.keyOf("ﬁona")).isEqualTo("fiona");
    assertThat(Username.keyOf("user①")).isEqualTo("user1");
  }

  @Test
  void dotlessAndDottedIAreLowerCasedWithoutTurkishRules() {
    assertThat(Username.keyOf("IRMA")).isEqualTo("irma");
  }

  @Test
  void acceptsEmailLikeNames() {
    assertThat(Username.parse("alice.smith+web@example.org")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "ab", "has space", "tab\tname", "zero\u200bwidth", "semi;colon", "<script>"})
  void refusesNamesOutsideTheAlphabetOrLength(String name) {
    assertThat(Username.parse(name)).isEmpty();
  }

  @Test
  void refusesNamesLongerThan64CodePoints() {
    assertThat(Username.parse("a".repeat(64))).isPresent();
    assertThat(Username.parse("a".repeat(65))).isEmpty();
  }

  /**
   * Normalisation shortens a decomposed name: 33 × (e + U+0301) is 33 letters as a key but 66 as
   * typed, and the typed form is what the 64-wide column stores (it answered 500 after the hash).
   */
  @Test
  void refusesANameLongerThan64AsTypedEvenWhenItsKeyIsShorter() {
    String decomposed = "e\u0301".repeat(33);
    assertThat(Username.keyOf(decomposed).codePointCount(0, Username.keyOf(decomposed).length()))
        .isEqualTo(33);
    assertThat(Username.parse(decomposed)).isEmpty();
    assertThat(Username.parse("e\u0301".repeat(32))).isPresent();
    // counted as characters: 20 letters outside the BMP (40 UTF-16 units) and 30 ASCII are 50
    assertThat(Username.parse("\uD842\uDFB7".repeat(20) + "a".repeat(30))).isPresent();
  }

  /** Invisible letters and marks would make a second account that looks like the first. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice\u034F",
        "alice\uFE0F",
        "ali\uFE00ce",
        "alice\u180B",
        "\u3164\u3164\u3164",
        "alice\uFFA0",
        "alice\u115F",
        "alice\u17B4",
        "alice\uDB40\uDD00"
      })
  void refusesInvisibleLettersAndMarks(String name) {
    assertThat(Username.parse("alice")).isPresent();
    assertThat(Username.parse(name)).as(name).isEmpty();
  }
}
