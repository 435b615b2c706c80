package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** auth-service: the password was right; a second factor is now due. Carries PII (the phone). */
public record PasswordAuthenticated(
    UUID eventId,
    Instant occurredAt,
    UUID userId,
    String loginId,
    String username,
    String displayName,
    String userHandle,
    SecondFactor secondFactor,
    ClientSignals client,
    Platform platform)
    implements PassbridgeEvent, LoginEvent {

  public PasswordAuthenticated {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.text(username, "username");
    Require.text(displayName, "displayName");
    Require.text(userHandle, "userHandle");
    Require.present(secondFactor, "secondFactor");
    Require.present(client, "client");
    Require.present(platform, "platform");
  }
}
