package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * passkey-service: a passkey was verified and stored (committed with it through the outbox).
 *
 * @param source absent means {@link LoginSource#HOSTED}
 * @param clientId the Connect client whose page created it
 */
public record PasskeyCreated(
    UUID eventId,
    Instant occurredAt,
    UUID userId,
    @Nullable String loginId,
    String credentialId,
    String aaguid,
    String providerName,
    UpgradeMode mode,
    boolean backupEligible,
    boolean backupState,
    List<String> transports,
    @Nullable Platform platform,
    @Nullable LoginSource source,
    @Nullable String clientId)
    implements PassbridgeEvent, LoginEvent {

  public PasskeyCreated {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.optionalText(loginId, "loginId");
    Require.text(credentialId, "credentialId");
    Require.text(aaguid, "aaguid");
    Require.text(providerName, "providerName");
    Require.present(mode, "mode");
    transports = Require.list(transports, "transports");
    Require.optionalText(clientId, "clientId");
  }

  /** A passkey created on Passbridge's own pages. */
  public PasskeyCreated(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      String credentialId,
      String aaguid,
      String providerName,
      UpgradeMode mode,
      boolean backupEligible,
      boolean backupState,
      List<String> transports,
      Platform platform) {
    this(
        eventId,
        occurredAt,
        userId,
        loginId,
        credentialId,
        aaguid,
        providerName,
        mode,
        backupEligible,
        backupState,
        transports,
        platform,
        null,
        null);
  }
}
