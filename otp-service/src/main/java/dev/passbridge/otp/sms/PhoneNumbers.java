package dev.passbridge.otp.sms;

/** Phone numbers in logs and answers: {@code +4915110000001} becomes {@code +49******0001}. */
public final class PhoneNumbers {
  private PhoneNumbers() {}

  public static String mask(String number) {
    if (number == null || number.isBlank()) {
      return "<none>";
    }
    String n = number.strip();
    if (n.length() < 8) {
      return "******";
    }
    return n.substring(0, 3) + "******" + n.substring(n.length() - 4);
  }
}
