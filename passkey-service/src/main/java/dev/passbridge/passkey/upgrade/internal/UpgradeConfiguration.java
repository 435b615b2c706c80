package dev.passbridge.passkey.upgrade.internal;

import dev.passbridge.passkey.ceremony.CeremonyStore;
import dev.passbridge.passkey.ceremony.RandomTokens;
import dev.passbridge.passkey.credentials.PasskeyCredentials;
import dev.passbridge.passkey.credentials.ProviderNames;
import dev.passbridge.passkey.upgrade.CreationOptionsFactory;
import dev.passbridge.passkey.upgrade.DecisionWaiter;
import dev.passbridge.passkey.upgrade.UpgradeEvents;
import dev.passbridge.passkey.upgrade.UpgradeProperties;
import dev.passbridge.passkey.upgrade.UpgradeRegistration;
import dev.passbridge.passkey.upgrade.UpgradeService;
import dev.passbridge.passkey.webauthn.RegistrationVerifier;
import dev.passbridge.passkey.webauthn.RelyingPartyPolicy;
import dev.passbridge.passkey.webauthn.WebAuthnProperties;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the upgrade: start, decision wait, finish, failure; the Kafka and outbox adapters. */
@Configuration(proxyBeanMethods = false)
class UpgradeConfiguration {

  @Bean
  CreationOptionsFactory passkeyCreationOptionsFactory(
      RelyingPartyPolicy policy, WebAuthnProperties properties) {
    return new CreationOptionsFactory(policy, properties.ceremonyTtl());
  }

  @Bean
  OutboxUpgradeEvents passkeyUpgradeEvents(
      PlatformTransactionManager transactionManager, ApplicationEventPublisher events) {
    return new OutboxUpgradeEvents(new TransactionTemplate(transactionManager), events);
  }

  @Bean
  UpgradeService passkeyUpgradeService(
      CeremonyStore store,
      PasskeyCredentials credentials,
      CreationOptionsFactory options,
      RandomTokens random,
      UpgradeEvents events,
      Clock clock,
      WebAuthnProperties properties) {
    return new UpgradeService(
        store, credentials, options, random, events, clock, properties.ceremonyTtl());
  }

  @Bean
  UpgradeRegistration passkeyUpgradeRegistration(
      CeremonyStore store,
      RegistrationVerifier verifier,
      PasskeyCredentials credentials,
      ProviderNames providers,
      UpgradeService upgrades,
      Clock clock) {
    return new UpgradeRegistration(store, verifier, credentials, providers, upgrades, clock);
  }

  @Bean
  DecisionWaiter passkeyDecisionWaiter(
      CeremonyStore store,
      ScheduledExecutorService passkeyScheduler,
      UpgradeProperties properties) {
    return new DecisionWaiter(store, passkeyScheduler, properties.pollInterval());
  }

  @Bean
  UpgradeEventsListener passkeyUpgradeEventsListener(UpgradeService upgrades) {
    return new UpgradeEventsListener(upgrades);
  }
}
