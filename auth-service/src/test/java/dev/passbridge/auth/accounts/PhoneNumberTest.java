package dev.passbridge.auth.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

  @ParameterizedTest
  @ValueSource(strings = {"+4915110000001", "+14155552671", "+442071838750", "+6837400"})
  void acceptsE164(String number) {
    assertThat(PhoneNumber.parse(number)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4915110000001",
        "+04915110000001",
        "+49 151 10000001",
        "+49-151-10000001",
        "(0151) 10000001",
        "+1234567890123456",
        "+12345",
        "+49151abc",
        ""
      })
  void refusesAnythingElse(String number) {
    assertThat(PhoneNumber.parse(number)).isEmpty();
  }

  @Test
  void masksAllButCountryPrefixAndLastFourDigits() {
    assertThat(new PhoneNumber("+4915110000001").masked()).isEqualTo("+49******0001");
    assertThat(new PhoneNumber("+4915110000001").toString()).doesNotContain("1511000");
  }

  /** As otp-service's mask: never more than half of the digits, short numbers included. */
  @Test
  void shorterNumbersShowFewerOfTheirLastDigits() {
    assertThat(new PhoneNumber("+6831234").masked()).as("7 digits (Niue)").isEqualTo("+68******4");
    assertThat(new PhoneNumber("+68312345").masked()).isEqualTo("+68******45");
    assertThat(new PhoneNumber("+4930123456").masked()).isEqualTo("+49******456");
    assertThat(new PhoneNumber("+14155550123").masked()).isEqualTo("+14******123");
    for (int digits = 7; digits <= 15; digits++) {
      String number = "+4" + "9".repeat(digits - 1);
      String masked = new PhoneNumber(number).masked();
      long shown = masked.chars().filter(Character::isDigit).count();
      assertThat(shown).as(masked).isLessThanOrEqualTo(digits / 2);
    }
  }
}
