package dev.passbridge.passkey.upgrade.internal;

import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.passkey.upgrade.UpgradeEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@link UpgradeEvents} through the same outbox as {@code PasskeyCreated}: the event is handed to
 * Spring's {@link ApplicationEventPublisher} inside a database transaction, spring-modulith's event
 * publication registry records it in {@code event_publication} with the commit and externalises it
 * to Kafka afterwards (again after a restart, if that did not finish).
 */
public class OutboxUpgradeEvents implements UpgradeEvents {
  private final TransactionOperations transactions;
  private final ApplicationEventPublisher events;

  public OutboxUpgradeEvents(TransactionOperations transactions, ApplicationEventPublisher events) {
    this.transactions = transactions;
    this.events = events;
  }

  @Override
  public void failed(PasskeyUpgradeFailed event) {
    transactions.executeWithoutResult(status -> events.publishEvent(event));
  }
}
