package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * auth-service: the password was right. Hosted: a second factor (the code to {@code
 * secondFactor.destination}) is now due; carries PII (the phone). Connect ({@code source CONNECT}):
 * a platform reported a completed login of its own; {@code secondFactor} is the factor it checked
 * itself ({@code verifiedAt}, no destination) or absent when it checked none.
 *
 * @param secondFactor always present for hosted logins; absent for a Connect login without one
 * @param source absent means {@link LoginSource#HOSTED}
 * @param clientId the Connect client that reported the login
 * @param externalUserId the platform's own id of the user (Connect)
 * @param tenant the Connect tenant the user belongs to
 */
public record PasswordAuthenticated(
    UUID eventId,
    Instant occurredAt,
    UUID userId,
    String loginId,
    String username,
    String displayName,
    String userHandle,
    @Nullable SecondFactor secondFactor,
    ClientSignals client,
    Platform platform,
    @Nullable LoginSource source,
    @Nullable String clientId,
    @Nullable String externalUserId,
    @Nullable String tenant)
    implements PassbridgeEvent, LoginEvent {

  public PasswordAuthenticated {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.text(username, "username");
    Require.text(displayName, "displayName");
    Require.text(userHandle, "userHandle");
    Require.present(client, "client");
    Require.present(platform, "platform");
    Require.optionalText(clientId, "clientId");
    Require.optionalText(externalUserId, "externalUserId");
    Require.optionalText(tenant, "tenant");
  }

  /** A hosted login (Passbridge's own password page). */
  public PasswordAuthenticated(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      String username,
      String displayName,
      String userHandle,
      SecondFactor secondFactor,
      ClientSignals client,
      Platform platform) {
    this(
        eventId,
        occurredAt,
        userId,
        loginId,
        username,
        displayName,
        userHandle,
        Require.present(secondFactor, "secondFactor"),
        client,
        platform,
        null,
        null,
        null,
        null);
  }
}
