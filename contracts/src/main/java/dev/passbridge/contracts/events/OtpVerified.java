package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * otp-service: the second factor of a login passed: the code it sent (hosted), or the second factor
 * a Connect platform reported it had checked itself ({@code source CONNECT}).
 *
 * @param source absent means {@link LoginSource#HOSTED}
 * @param clientId the Connect client of the login
 */
public record OtpVerified(
    UUID eventId,
    Instant occurredAt,
    UUID userId,
    String loginId,
    String channel,
    @Nullable LoginSource source,
    @Nullable String clientId)
    implements PassbridgeEvent, LoginEvent {

  public OtpVerified {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.text(channel, "channel");
    Require.optionalText(clientId, "clientId");
  }

  /** A hosted login's code was verified. */
  public OtpVerified(
      UUID eventId, Instant occurredAt, UUID userId, String loginId, String channel) {
    this(eventId, occurredAt, userId, loginId, channel, null, null);
  }
}
