package dev.passbridge.otp.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Composes the SMS of a code from {@link SmsProperties#text()}. */
public final class SmsTexts {
  private final SmsProperties properties;

  public SmsTexts(SmsProperties properties) {
    this.properties = properties;
  }

  public SmsMessage compose(
      String loginId, String to, String code, Duration validFor, Instant now) {
    long minutes = Math.max(1, (validFor.toSeconds() + 59) / 60);
    String text =
        properties.text().replace("{code}", code).replace("{minutes}", Long.toString(minutes));
    if (properties.webOtpHost() != null && !properties.webOtpHost().isBlank()) {
      // WebOTP: the last line binds the code to the web app's origin
      text = text + "\n\n@" + properties.webOtpHost().strip() + " #" + code;
    }
    return new SmsMessage(UUID.randomUUID(), loginId, to, text, code, now);
  }
}
