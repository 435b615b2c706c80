package dev.passbridge.otp.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

  @Test
  void masksAllButCountryPrefixAndLastFourDigits() {
    assertThat(PhoneNumbers.mask("+4915110000001")).isEqualTo("+49******0001");
    assertThat(PhoneNumbers.mask("+14155550123")).isEqualTo("+14******0123");
  }

  @Test
  void shortOrMissingNumbersRevealNothing() {
    assertThat(PhoneNumbers.mask("+491234")).isEqualTo("******");
    assertThat(PhoneNumbers.mask(null)).isEqualTo("<none>");
    assertThat(PhoneNumbers.mask(" ")).isEqualTo("<none>");
  }

  @Test
  void anSmsMessageNeverPrintsItsCodeTextOrNumber() {
    var message =
        new SmsMessage(
            UUID.randomUUID(),
            "AAAAAAAAAAAAAAAAAAAAAA",
            "+4915110000001",
            "Your code is 424242",
            "424242",
            Instant.EPOCH);
    assertThat(message.toString())
        .doesNotContain("424242")
        .doesNotContain("+4915110000001")
        .contains("+49******0001");
  }
}
