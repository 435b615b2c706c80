package dev.passbridge.auth.session.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyEncryptionTest {
  private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String KEY_B = Base64.getEncoder().encodeToString("b".repeat(32).getBytes());

  @Test
  void sealsAndOpens() {
    KeyEncryption enc = new KeyEncryption(KEY_A);
    String sealed = enc.seal("{\"d\":\"secret\"}", "kid-1");
    assertThat(sealed).startsWith("aesgcm1:").doesNotContain("secret");
    assertThat(enc.open(sealed, "kid-1")).isEqualTo("{\"d\":\"secret\"}");
  }

  @Test
  void aSealedKeyCannotBeMovedToAnotherKid() {
    KeyEncryption enc = new KeyEncryption(KEY_A);
    String sealed = enc.seal("{\"d\":\"secret\"}", "kid-1");
    assertThatThrownBy(() -> enc.open(sealed, "kid-2")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theWrongKeyFailsClearly() {
    String sealed = new KeyEncryption(KEY_A).seal("x", "kid");
    assertThatThrownBy(() -> new KeyEncryption(KEY_B).open(sealed, "kid"))
        .hasMessageContaining("encryption-key");
  }

  @Test
  void withoutAKeyItStoresInTheClearAndRefusesSealedRows() {
    KeyEncryption none = new KeyEncryption(null);
    assertThat(none.seal("plain", "kid")).isEqualTo("plain");
    String sealed = new KeyEncryption(KEY_A).seal("x", "kid");
    assertThatThrownBy(() -> none.open(sealed, "kid")).hasMessageContaining("encryption-key");
  }

  @Test
  void refusesAKeyOfTheWrongSize() {
    assertThatThrownBy(() -> new KeyEncryption(Base64.getEncoder().encodeToString(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
