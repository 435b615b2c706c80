package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * intelligence-service: this login should get a passkey, silently ({@code CONDITIONAL}) or by
 * prompt. Carries what passkey-service needs to build the creation options without calling anyone.
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
    Platform platform)
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
  }
}
