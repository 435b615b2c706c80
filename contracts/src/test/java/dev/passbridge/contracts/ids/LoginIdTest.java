package dev.passbridge.contracts.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LoginIdTest {

  @Test
  void randomIdsAre22Base64UrlCharactersAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      LoginId id = LoginId.random();
      assertThat(id.value()).hasSize(22).matches(LoginId.PATTERN);
      assertThat(seen.add(id.value())).isTrue();
    }
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "short",
        "\u0000\u00ff\"'",
        "aaaaaaaaaaaaaaa=",
        "aaaaaaaaaaaaaaaa aaaa",
        "../../../etc/passwd00",
        "ääääääääääääääääää"
      })
  void refusesWhatIsNotALoginId(String text) {
    assertThat(LoginId.parse(text)).isEmpty();
    assertThat(LoginId.isWellFormed(text)).isFalse();
    assertThatThrownBy(() -> new LoginId(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesAWellFormedIdToTheSameValue() {
    String text = LoginId.random().value();
    assertThat(LoginId.parse(text)).map(LoginId::value).contains(text);
    assertThat(LoginId.parse("a".repeat(64))).isPresent();
    assertThat(LoginId.parse("a".repeat(65))).isEmpty();
  }
}
