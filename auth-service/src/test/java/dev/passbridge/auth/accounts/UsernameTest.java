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
}
