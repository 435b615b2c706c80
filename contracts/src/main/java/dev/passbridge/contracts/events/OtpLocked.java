package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** otp-service: the login's code is locked (too many wrong attempts). */
public record OtpLocked(
    UUID eventId, Instant occurredAt, UUID userId, String loginId, String reason)
    implements PassbridgeEvent, LoginEvent {

  public static final String TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS";

  public OtpLocked {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.text(reason, "reason");
  }
}
