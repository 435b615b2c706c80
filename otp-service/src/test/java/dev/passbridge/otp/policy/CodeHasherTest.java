package dev.passbridge.otp.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CodeHasherTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
  private final CodeHasher hasher = new CodeHasher(KEY);

  @Test
  void sameLoginAndCodeGiveTheSameHmac() {
    assertThat(hasher.hash("login-aaaaaaaaaaaaaaaa", "123456"))
        .isEqualTo(hasher.hash("login-aaaaaaaaaaaaaaaa", "123456"))
        .hasSize(32);
  }

  @Test
  void theHmacIsBoundToTheLogin() {
    byte[] forA = hasher.hash("login-aaaaaaaaaaaaaaaa", "123456");
    byte[] forB = hasher.hash("login-bbbbbbbbbbbbbbbb", "123456");
    assertThat(forA).isNotEqualTo(forB);
    assertThat(hasher.matches("login-bbbbbbbbbbbbbbbb", "123456", forA)).isFalse();
    assertThat(hasher.matches("login-aaaaaaaaaaaaaaaa", "123456", forA)).isTrue();
  }

  @Test
  void loginAndCodeCannotBeShiftedIntoEachOther() {
    // without the length prefix "ab" + "c123456" and "abc" + "123456" could collide
    assertThat(hasher.hash("abc1", "23456")).isNotEqualTo(hasher.hash("abc", "123456"));
  }

  @Test
  void theHmacDependsOnTheDeploymentKey() {
    byte[] otherKey = Arrays.copyOf(KEY, KEY.length);
    otherKey[0] ^= 1;
    assertThat(new CodeHasher(otherKey).hash("login-aaaaaaaaaaaaaaaa", "123456"))
        .isNotEqualTo(hasher.hash("login-aaaaaaaaaaaaaaaa", "123456"));
  }

  @Test
  void aWrongCodeDoesNotMatch() {
    byte[] stored = hasher.hash("login-aaaaaaaaaaaaaaaa", "123456");
    assertThat(hasher.matches("login-aaaaaaaaaaaaaaaa", "123457", stored)).isFalse();
    assertThat(hasher.matches("login-aaaaaaaaaaaaaaaa", "", stored)).isFalse();
  }

  @Test
  void refusesShortKeys() {
    assertThatThrownBy(() -> new CodeHasher(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}
