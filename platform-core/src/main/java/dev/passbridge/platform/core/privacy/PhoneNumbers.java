package dev.passbridge.platform.core.privacy;

/**
 * Phone numbers in logs and answers: {@code +4915110000001} becomes {@code +49******0001}. The one
 * mask of every service (auth-service's login answer, otp-service's resend answer and log lines),
 * so a number reads the same wherever it is shown.
 *
 * <p>The mask shows the {@code +}, the first two digits (the country code, or its start) and the
 * last {@code min(4, digits / 2 - 2)} digits, so it never shows more than half of the digits: E.164
 * numbers have 7 to 15 digits, and a fixed "first 3, last 4" showed 6 of the 7 digits of a short
 * one ({@code +6831234} as {@code +68******1234}). 12 digits and more show the last 4, 10 and 11
 * the last 3, 8 and 9 the last 2, 7 the last one; fewer than 7 show nothing. The six stars never
 * say how many digits are hidden.
 */
public final class PhoneNumbers {
  private PhoneNumbers() {}

  /** The fewest digits of which any are shown. */
  private static final int MIN_DIGITS = 7;

  private static final String STARS = "******";

  public static String mask(String number) {
    if (number == null || number.isBlank()) {
      return "<none>";
    }
    String n = number.strip();
    String plus = n.startsWith("+") ? "+" : "";
    String digits = n.substring(plus.length());
    if (digits.length() < MIN_DIGITS) {
      return STARS;
    }
    int last = Math.min(4, digits.length() / 2 - 2);
    return plus + digits.substring(0, 2) + STARS + digits.substring(digits.length() - last);
  }
}
