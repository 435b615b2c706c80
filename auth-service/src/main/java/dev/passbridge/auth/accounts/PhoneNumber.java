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

  /**
   * {@code +4915112345678} as {@code +49******5678}: the {@code +}, the first two digits and the
   * last {@code min(4, digits / 2 - 2)}, so never more than half of the digits (a fixed "first 3,
   * last 4" showed 6 of the 7 digits of {@code +6831234}); otp-service masks the same way, so the
   * login's answer and the resend's name the number alike.
   */
  public static String mask(String e164) {
    if (e164 == null || !e164.startsWith("+") || e164.length() < 8) {
      return "+******";
    }
    String digits = e164.substring(1);
    int last = Math.min(4, digits.length() / 2 - 2);
    return "+" + digits.substring(0, 2) + "******" + digits.substring(digits.length() - last);
  }

  @Override
  public String toString() {
    return masked();
  }
}
