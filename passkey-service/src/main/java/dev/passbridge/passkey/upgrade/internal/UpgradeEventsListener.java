package dev.passbridge.passkey.upgrade.internal;

import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.passkey.upgrade.UpgradeService;
import org.springframework.kafka.annotation.KafkaListener;

/** Kafka adapter: intelligence-service's decisions (at-least-once; the service is idempotent). */
public class UpgradeEventsListener {
  private final UpgradeService upgrades;

  public UpgradeEventsListener(UpgradeService upgrades) {
    this.upgrades = upgrades;
  }

  @KafkaListener(
      topics = "#{T(dev.passbridge.contracts.topics.Topics).PASSKEY_ELIGIBLE.name()}",
      autoStartup = "${passbridge.passkey.consume-events:true}")
  public void eligible(PasskeyEligible event) {
    upgrades.onEligible(event);
  }

  @KafkaListener(
      topics = "#{T(dev.passbridge.contracts.topics.Topics).PASSKEY_UPGRADE_SKIPPED.name()}",
      autoStartup = "${passbridge.passkey.consume-events:true}")
  public void skipped(PasskeyUpgradeSkipped event) {
    upgrades.onSkipped(event);
  }
}
