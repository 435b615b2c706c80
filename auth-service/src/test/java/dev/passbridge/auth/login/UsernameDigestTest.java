package dev.passbridge.auth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.contracts.ids.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The username digest of the limits' keys is keyed: without the key a reader of Redis cannot test a
 * guessed name, and two deployments (or a rotated key) give unrelated digests.
 */
class UsernameDigestTest {
  private static final String KEY_A = "Neg8MWhJ5Yy24jYsTWMciZmek9n1MAV6qeFPzJxa+Jk=";
  private static final String KEY_B = "MLbwNj6iM3V3hE1RGfYgaG8Ec/h5MlRfTYan5y/0L10=";

  private static UsernameDigest digest(String base64Key) {
    return new UsernameDigest(UsernameDigest.decodeKey(base64Key));
  }

  @Test
  void isAnHmacOfTheNameNotItsPlainHash() {
    String d = digest(KEY_A).of("alice");

    assertThat(d).matches("[0-9a-f]{32}").isNotEqualTo(Tokens.digest("alice"));
    // HMAC-SHA256(key, name), its first 128 bits in hex (openssl dgst -sha256 -hmac kkk...k)
    assertThat(new UsernameDigest("k".repeat(32).getBytes(StandardCharsets.UTF_8)).of("alice"))
        .isEqualTo("6664a42048c6d6d7fe3657e39b14155c");
  }

  @Test
  void theSameKeyGivesTheSameDigestAnotherKeyAnother() {
    assertThat(digest(KEY_A).of("alice")).isEqualTo(digest(KEY_A).of("alice"));
    assertThat(digest(KEY_A).of("alice")).isNotEqualTo(digest(KEY_B).of("alice"));
    assertThat(digest(KEY_A).of("alice")).isNotEqualTo(digest(KEY_A).of("alicf"));
  }

  @Test
  void aKeyMustBeBase64OfAtLeast32Bytes() {
    assertThatThrownBy(() -> UsernameDigest.decodeKey(null))
        .hasMessageContaining("passbridge.auth.login.username-hmac-key is not set");
    assertThatThrownBy(() -> UsernameDigest.decodeKey(" ")).hasMessageContaining("is not set");
    String short16 = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> UsernameDigest.decodeKey(short16))
        .hasMessageContaining("at least 32 bytes")
        .hasMessageNotContaining(short16);
    assertThatThrownBy(() -> UsernameDigest.decodeKey("not base64 at all!"))
        .hasMessageContaining("not valid base64")
        .hasMessageNotContaining("not base64 at all!");
    assertThatThrownBy(() -> new UsernameDigest(new byte[31]))
        .hasMessageContaining("at least 32 bytes");
    // the URL alphabet is read too
    byte[] bytes = Base64.getDecoder().decode(KEY_A);
    assertThat(UsernameDigest.decodeKey(Base64.getUrlEncoder().encodeToString(bytes)))
        .isEqualTo(bytes);
  }
}
