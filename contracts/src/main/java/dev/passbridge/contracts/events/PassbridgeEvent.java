package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields every event carries (docs/architecture.md §3). The Kafka record key is always {@link
 * #userId()}, so all events of one user are ordered and co-partitioned across topics.
 */
public sealed interface PassbridgeEvent
    permits PasswordAuthenticated,
        OtpVerified,
        OtpLocked,
        PasskeyEligible,
        PasskeyUpgradeSkipped,
        PasskeyCreated,
        PasskeyUpgradeFailed,
        PasskeyAuthenticated,
        PasskeyDeleted,
        LoginSucceeded,
        RulesChanged,
        UserErased {

  UUID eventId();

  Instant occurredAt();

  UUID userId();

  /** The Kafka record key. */
  default String key() {
    return userId().toString();
  }
}
