package dev.passbridge.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OtpPropertiesTest {
  static OtpProperties withKey(String key) {
    return new OtpProperties(
        key,
        Duration.ofMinutes(5),
        5,
        Duration.ofSeconds(30),
        3,
        Duration.ofHours(24),
        1,
        10,
        Duration.ofHours(24),
        Duration.ofHours(1));
  }

  @Test
  void acceptsStandardAndUrlSafeBase64KeysOfThirtyTwoBytes() {
    byte[] raw = new byte[32];
    raw[0] = (byte) 0xfb; // '+' / '-' in the first character
    raw[1] = (byte) 0xff;
    assertThat(withKey(Base64.getEncoder().encodeToString(raw)).hmacKeyBytes()).isEqualTo(raw);
    assertThat(withKey(Base64.getUrlEncoder().withoutPadding().encodeToString(raw)).hmacKeyBytes())
        .isEqualTo(raw);
  }

  @Test
  void refusesShortOrGarbledKeys() {
    assertThatThrownBy(() -> withKey(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> withKey("not base64 at all!"))
        .hasMessageContaining("not valid base64");
  }

  @Test
  void neverPrintsTheKey() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    assertThat(withKey(key).toString()).doesNotContain(key).contains("redacted");
  }

  @Test
  void turnsIntoPolicyLimits() {
    var limits = withKey(Base64.getEncoder().encodeToString(new byte[32])).limits();
    assertThat(limits.maxAttempts()).isEqualTo(5);
    assertThat(limits.resendCooldown()).isEqualTo(Duration.ofSeconds(30));
    assertThat(limits.codeTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(limits.maxResends()).isEqualTo(3);
    assertThat(limits.accountMaxFailures()).isEqualTo(10);
    assertThat(limits.accountWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(limits.accountLockDuration()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void refusesAnAccountWindowOrLockThatIsNotPositive() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    assertThatThrownBy(
            () ->
                new OtpProperties(
                    key,
                    Duration.ofMinutes(5),
                    5,
                    Duration.ofSeconds(30),
                    3,
                    Duration.ofHours(24),
                    1,
                    10,
                    Duration.ZERO,
                    Duration.ofHours(1)))
        .hasMessageContaining("passbridge.otp.account-window");
    assertThatThrownBy(
            () ->
                new OtpProperties(
                    key,
                    Duration.ofMinutes(5),
                    5,
                    Duration.ofSeconds(30),
                    3,
                    Duration.ofHours(24),
                    1,
                    10,
                    Duration.ofHours(24),
                    Duration.ofSeconds(-1)))
        .hasMessageContaining("passbridge.otp.account-lock-duration");
  }
}
