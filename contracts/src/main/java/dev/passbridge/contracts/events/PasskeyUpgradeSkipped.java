package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * intelligence-service: no upgrade for this login; {@code reason} is a {@link SkipReasons} code.
 *
 * @param source absent means {@link LoginSource#HOSTED}
 * @param clientId the Connect client of the login
 */
public record PasskeyUpgradeSkipped(
    UUID eventId,
    Instant occurredAt,
    UUID userId,
    String loginId,
    String reason,
    List<RuleResult> trace,
    Platform platform,
    @Nullable LoginSource source,
    @Nullable String clientId)
    implements PassbridgeEvent, LoginEvent {

  public PasskeyUpgradeSkipped {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.text(reason, "reason");
    trace = Require.list(trace, "trace");
    Require.present(platform, "platform");
    Require.optionalText(clientId, "clientId");
  }

  /** A hosted login's skip. */
  public PasskeyUpgradeSkipped(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      String reason,
      List<RuleResult> trace,
      Platform platform) {
    this(eventId, occurredAt, userId, loginId, reason, trace, platform, null, null);
  }
}
