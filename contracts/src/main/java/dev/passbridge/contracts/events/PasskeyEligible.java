package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * intelligence-service: this login should get a passkey, silently ({@code CONDITIONAL}) or by
 * prompt. Carries what passkey-service needs to build the creation options without calling anyone.
 *
 * @param source absent means {@link LoginSource#HOSTED}; copied from the login
 * @param clientId the Connect client of the login
 * @param externalUserId the platform's own id of the user (Connect)
 * @param tenant the Connect tenant of the user
 */
public record PasskeyEligible(
    UUID eventId,
    Instant occurredAt,
    UUID userId,
    String loginId,
    UpgradeMode mode,
    List<RuleResult> trace,
    String username,
    String displayName,
    String userHandle,
    Platform platform,
    @Nullable LoginSource source,
    @Nullable String clientId,
    @Nullable String externalUserId,
    @Nullable String tenant)
    implements PassbridgeEvent, LoginEvent {

  public PasskeyEligible {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.present(mode, "mode");
    trace = Require.list(trace, "trace");
    Require.text(username, "username");
    Require.text(displayName, "displayName");
    Require.text(userHandle, "userHandle");
    Require.present(platform, "platform");
    Require.optionalText(clientId, "clientId");
    Require.optionalText(externalUserId, "externalUserId");
    Require.optionalText(tenant, "tenant");
  }

  /** A hosted login's decision. */
  public PasskeyEligible(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      UpgradeMode mode,
      List<RuleResult> trace,
      String username,
      String displayName,
      String userHandle,
      Platform platform) {
    this(
        eventId,
        occurredAt,
        userId,
        loginId,
        mode,
        trace,
        username,
        displayName,
        userHandle,
        platform,
        null,
        null,
        null,
        null);
  }
}
