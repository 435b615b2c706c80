package dev.passbridge.passkey.upgrade;

import dev.passbridge.contracts.events.PasskeyUpgradeFailed;

/**
 * Port: the upgrade's own event. ({@code PasskeyCreated} is recorded by the credential store
 * together with the new passkey.) The adapter is {@code internal.OutboxUpgradeEvents}.
 */
public interface UpgradeEvents {

  /**
   * Records {@code PasskeyUpgradeFailed} in the outbox. When this returns the event is durably
   * recorded and will reach Kafka, now or after a restart, whether or not Kafka is reachable at the
   * moment; when it throws nothing was recorded.
   */
  void failed(PasskeyUpgradeFailed event);
}
