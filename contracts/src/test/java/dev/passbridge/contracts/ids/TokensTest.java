package dev.passbridge.contracts.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokensTest {

  @Test
  void newTokensCarry256RandomBitsAndAreDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String token = Tokens.newToken();
      assertThat(Tokens.isToken(token)).isTrue();
      assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
      assertThat(seen.add(token)).isTrue();
    }
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "too-short",
        // 44 characters: one too many
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        // 43 characters, but base64 with '+' and '/', not base64url
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA A"
      })
  void onlyTheShapeOfAnIssuedTokenIsAToken(String value) {
    assertThat(Tokens.isToken(value)).isFalse();
    assertThat(LoginBinding.digest(value)).isNull();
  }

  @Test
  void theDigestIsTheFirst128BitsOfSha256InHex() {
    // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS
    // 180-2)
    assertThat(Tokens.digest("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223");
  }

  @Test
  void aLoginBindingKeepsTheTokensDigest() {
    String token = LoginBinding.newToken();
    assertThat(LoginBinding.digest(token)).isEqualTo(Tokens.digest(token)).hasSize(32);
    assertThat(LoginBinding.digest(Tokens.newToken())).isNotEqualTo(LoginBinding.digest(token));
  }
}
