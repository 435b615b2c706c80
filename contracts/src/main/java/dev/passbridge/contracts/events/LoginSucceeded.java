package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** auth-service: a session was issued. */
public record LoginSucceeded(
    UUID eventId, Instant occurredAt, UUID userId, String loginId, LoginMethod method)
    implements PassbridgeEvent, LoginEvent {

  public LoginSucceeded {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.present(method, "method");
  }
}
