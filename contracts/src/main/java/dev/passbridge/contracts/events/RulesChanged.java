package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * intelligence-service: the upgrade rules changed (the audit trail of {@code PUT/DELETE
 * /api/insights/rules} and of the automatic rollout brake). One event per change, in version order.
 *
 * @param userId who changed them: the admin's user id, or {@link #AUTOMATIC} for a change the
 *     service made itself (the brake)
 * @param changedBy the admin's user id as text, or {@link #AUTOMATIC_BRAKE}
 * @param kind {@link #ADMIN_REPLACE}, {@link #ADMIN_RESET} or {@link #AUTOMATIC_BRAKE}
 * @param version the rules' version after the change
 * @param previousVersion the version it replaced
 * @param reason why: the admin's words (optional), or the brake's measured numbers (at most 512
 *     characters)
 * @param changes one line per changed setting, e.g. {@code
 *     platformRollouts[Android/Chrome].conditionalPercent: 100 -> 0}
 * @param before the rules document before the change, as JSON text (at most {@value #MAX_DOCUMENT}
 *     characters)
 * @param after the rules document after the change, as JSON text
 */
public record RulesChanged(
    UUID eventId,
    Instant occurredAt,
    UUID userId,
    String changedBy,
    String kind,
    long version,
    long previousVersion,
    @Nullable String reason,
    List<String> changes,
    String before,
    String after)
    implements PassbridgeEvent {

  /** The user id of a change the service made itself. */
  public static final UUID AUTOMATIC = new UUID(0, 0);

  /** Longest rules document an event carries (far above the rules' own size limits). */
  public static final int MAX_DOCUMENT = 200_000;

  public static final String ADMIN_REPLACE = "ADMIN_REPLACE";
  public static final String ADMIN_RESET = "ADMIN_RESET";
  public static final String AUTOMATIC_BRAKE = "AUTOMATIC_BRAKE";

  public RulesChanged {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(changedBy, "changedBy");
    Require.text(kind, "kind");
    Require.optionalText(reason, "reason");
    changes = Require.list(changes, "changes");
    Require.document(before, "before", MAX_DOCUMENT);
    Require.document(after, "after", MAX_DOCUMENT);
  }
}
