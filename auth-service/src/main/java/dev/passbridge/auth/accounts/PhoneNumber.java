package dev.passbridge.auth.accounts;

import dev.passbridge.platform.core.privacy.PhoneNumbers;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A phone number in E.164: {@code +}, a country code that does not start with 0, at most 15 digits
 * in all, nothing else (no spaces, no punctuation). Personal data: log {@link #masked()} only.
 */
public record PhoneNumber(String e164) {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  public PhoneNumber {
    if (e164 == null || !E164.matcher(e164).matches()) {
      throw new IllegalArgumentException("not an E.164 phone number");
    }
  }

  public static Optional<PhoneNumber> parse(String value) {
    return value != null && E164.matcher(value).matches()
        ? Optional.of(new PhoneNumber(value))
        : Optional.empty();
  }

  /**
   * {@code +4915110000001} becomes {@code +49******0001}: platform-core's mask, the one otp-service
   * uses too, so the login's answer and the resend's name the number alike (CONVENTIONS.md).
   */
  public String masked() {
    return PhoneNumbers.mask(e164);
  }

  @Override
  public String toString() {
    return masked();
  }
}
