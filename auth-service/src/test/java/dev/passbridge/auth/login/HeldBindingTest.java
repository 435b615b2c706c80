package dev.passbridge.auth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.contracts.ids.Tokens;
import org.junit.jupiter.api.Test;

class HeldBindingTest {

  @Test
  void onlyTheRetryTokenItWasSealedUnderOpensTheSeal() {
    String binding = Tokens.newToken();
    String retry = Tokens.newToken();
    String sealed = HeldBinding.seal(binding, retry);

    assertThat(sealed).isNotEqualTo(binding).matches("[A-Za-z0-9_-]{43}");
    assertThat(HeldBinding.unseal(sealed, retry)).isEqualTo(binding);
    assertThat(HeldBinding.unseal(sealed, Tokens.newToken())).isNotEqualTo(binding);
    // another retry token, another pad: two holds of one binding do not reveal it by XOR
    assertThat(HeldBinding.seal(binding, Tokens.newToken())).isNotEqualTo(sealed);
  }

  @Test
  void onlyTokensAreSealed() {
    assertThatThrownBy(() -> HeldBinding.seal("short", Tokens.newToken()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HeldBinding.unseal(Tokens.newToken(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
