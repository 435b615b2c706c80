package dev.passbridge.otp.sms;

import dev.passbridge.platform.core.privacy.PhoneNumbers;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One SMS carrying a code.
 *
 * @param messageId unique per message (a new code is a new message), the provider's idempotency key
 * @param loginId the login the code belongs to
 * @param to the phone number, E.164
 * @param text the full text, code included
 * @param code the code alone (only the dev outbox shows it; adapters never log it)
 * @param createdAt when the message was composed
 */
public record SmsMessage(
    UUID messageId, String loginId, String to, String text, String code, Instant createdAt) {

  public SmsMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(loginId, "loginId");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Safe for logs: masked number, no text, no code. */
  @Override
  public String toString() {
    return "SmsMessage[messageId="
        + messageId
        + ", loginId="
        + loginId
        + ", to="
        + PhoneNumbers.mask(to)
        + "]";
  }
}
