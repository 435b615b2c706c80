package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * intelligence-service: no upgrade for this login; {@code reason} is a {@link SkipReasons} code.
 */
public record PasskeyUpgradeSkipped(
    UUID eventId,
    Instant occurredAt,
    UUID userId,
    String loginId,
    String reason,
    List<RuleResult> trace,
    Platform platform)
    implements PassbridgeEvent, LoginEvent {

  public PasskeyUpgradeSkipped {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.text(reason, "reason");
    trace = Require.list(trace, "trace");
    Require.present(platform, "platform");
  }
}
