package dev.passbridge.auth.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.auth.accounts.PasswordPolicy.Weakness;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
  private final PasswordPolicy policy = PasswordPolicy.withBuiltInBlocklist(10);

  @Test
  void acceptsTheDemoPasswords() {
    assertThat(policy.check("passbridge-alice-1", "alice")).isEmpty();
    assertThat(policy.check("passbridge-bob-1", "bob")).isEmpty();
    assertThat(policy.check("passbridge-admin-1", "admin")).isEmpty();
  }

  @Test
  void refusesShortPasswords() {
    assertThat(policy.check("tr0ub4dor", "carol")).containsExactly(Weakness.TOO_SHORT);
  }

  @Test
  void countsCodePointsAfterNfkcNotUtf16Units() {
    // ten emoji are ten characters although twenty UTF-16 units
    assertThat(policy.check("😀😁😂🤣😃😄😅😆😉😊", "carol")).isEmpty();
    assertThat(policy.check("😀😁😂🤣😃😄😅😆😉", "carol")).contains(Weakness.TOO_SHORT);
  }

  @Test
  void refusesVeryLongPasswords() {
    assertThat(policy.check("correct horse battery ".repeat(6), "carol"))
        .containsExactly(Weakness.TOO_LONG);
  }

  @Test
  void refusesCommonPasswordsAlsoWithDigitsAppended() {
    assertThat(policy.check("qwertyuiop", "carol")).contains(Weakness.COMMON);
    assertThat(policy.check("Password2024", "carol")).contains(Weakness.COMMON);
    assertThat(policy.check("1234567890", "carol")).contains(Weakness.COMMON);
  }

  @Test
  void refusesPasswordsThatAreMostlyTheUsername() {
    assertThat(policy.check("caroline-1234", "caroline")).contains(Weakness.CONTAINS_USERNAME);
    assertThat(policy.check("CAROLINE is my friend", "caroline")).isEmpty();
  }

  @Test
  void refusesPasswordsWithTooFewDistinctCharacters() {
    assertThat(policy.check("aaaaaaaaaaaa", "carol"))
        .contains(Weakness.TOO_FEW_DISTINCT_CHARACTERS);
    assertThat(policy.check("abababababab", "carol"))
        .contains(Weakness.TOO_FEW_DISTINCT_CHARACTERS);
  }

  @Test
  void acceptsALongPassphraseWithoutCompositionRules() {
    assertThat(policy.check("correct horse battery staple", "carol")).isEmpty();
  }

  @Test
  void normalisesSoComposedAndDecomposedPasswordsAreEqual() {
    assertThat(PasswordPolicy.normalise("caf\u00e9-au-lait"))
        .isEqualTo(PasswordPolicy.normalise("cafe\u0301-au-lait"));
  }
}
