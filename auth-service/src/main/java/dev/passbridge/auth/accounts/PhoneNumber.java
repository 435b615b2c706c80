package dev.passbridge.auth.accounts;

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

  /** {@code +4915110000001} becomes {@code +49******0001} (CONVENTIONS.md). */
  public String masked() {
    return mask(e164);
  }

  public static String mask(String e164) {
    if (e164 == null || e164.length() < 8) {
      return "+******";
    }
    return e164.substring(0, 3) + "******" + e164.substring(e164.length() - 4);
  }

  @Override
  public String toString() {
    return masked();
  }
}
