package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** otp-service: the second factor of a login passed. */
public record OtpVerified(
    UUID eventId, Instant occurredAt, UUID userId, String loginId, String channel)
    implements PassbridgeEvent, LoginEvent {

  public OtpVerified {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.text(channel, "channel");
  }
}
