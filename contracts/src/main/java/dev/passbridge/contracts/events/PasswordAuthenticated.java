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
 * @param loginBinding a hosted login's browser binding: the digest of the token the browser that
 *     passed the password step holds ({@code LoginBinding}); only a request with that token may
 *     enter the login's code or ask for another (otp-service), and get its session (auth-service).
 *     Absent for Connect logins and for events written before the field existed
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
    @Nullable String tenant,
    @Nullable String loginBinding)
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
    Require.optionalText(loginBinding, "loginBinding");
  }

  /** Without a browser binding (a Connect login, or one written before the field existed). */
  public PasswordAuthenticated(
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
      @Nullable String tenant) {
    this(
        eventId,
        occurredAt,
        userId,
        loginId,
        username,
        displayName,
        userHandle,
        secondFactor,
        client,
        platform,
        source,
        clientId,
        externalUserId,
        tenant,
        null);
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

  /** The same event, bound to the browser whose token has digest {@code binding}. */
  public PasswordAuthenticated withLoginBinding(String binding) {
    return new PasswordAuthenticated(
        eventId,
        occurredAt,
        userId,
        loginId,
        username,
        displayName,
        userHandle,
        secondFactor,
        client,
        platform,
        source,
        clientId,
        externalUserId,
        tenant,
        binding);
  }
}
