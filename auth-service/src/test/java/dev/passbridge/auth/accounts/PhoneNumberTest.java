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
}
