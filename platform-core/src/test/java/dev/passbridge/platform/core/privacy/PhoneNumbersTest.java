package dev.passbridge.platform.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

  @Test
  void masksAllButCountryPrefixAndLastFourDigits() {
    assertThat(PhoneNumbers.mask("+4915110000001")).isEqualTo("+49******0001");
    assertThat(PhoneNumbers.mask("+447700900123")).isEqualTo("+44******0123");
  }

  @Test
  void shorterNumbersShowFewerOfTheirLastDigits() {
    assertThat(PhoneNumbers.mask("+6831234")).as("7 digits (Niue)").isEqualTo("+68******4");
    assertThat(PhoneNumbers.mask("+68312345")).isEqualTo("+68******45");
    assertThat(PhoneNumbers.mask("+493012345")).isEqualTo("+49******45");
    assertThat(PhoneNumbers.mask("+4930123456")).isEqualTo("+49******456");
    assertThat(PhoneNumbers.mask("+14155550123")).as("11 digits (US)").isEqualTo("+14******123");
  }

  /** Every length registration accepts ({@code \+[1-9][0-9]{6,14}}). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "+6831234",
        "+68312345",
        "+683123456",
        "+6831234567",
        "+68312345678",
        "+683123456789",
        "+6831234567890",
        "+68312345678901",
        "+683123456789012"
      })
  void theMaskHidesAtLeastHalfOfTheDigits(String number) {
    String masked = PhoneNumbers.mask(number);
    long digits = number.chars().filter(Character::isDigit).count();
    long shown = masked.chars().filter(Character::isDigit).count();
    assertThat(shown).as(masked).isPositive().isLessThanOrEqualTo(digits / 2);
    assertThat(masked).as("the country code's start stays").startsWith(number.substring(0, 3));
  }

  @Test
  void shortOrMissingNumbersRevealNothing() {
    assertThat(PhoneNumbers.mask("+491234")).isEqualTo("******");
    assertThat(PhoneNumbers.mask(null)).isEqualTo("<none>");
    assertThat(PhoneNumbers.mask(" ")).isEqualTo("<none>");
  }
}
