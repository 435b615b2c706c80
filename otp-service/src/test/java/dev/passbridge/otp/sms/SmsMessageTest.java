package dev.passbridge.otp.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The mask itself is platform-core's ({@code PhoneNumbersTest} there). */
class SmsMessageTest {

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
