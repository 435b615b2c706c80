package dev.passbridge.passkey.credentials.internal;

import dev.passbridge.passkey.credentials.CredentialStore;
import dev.passbridge.passkey.credentials.PasskeyCredentials;
import dev.passbridge.passkey.credentials.ProviderNames;
import dev.passbridge.passkey.credentials.ProviderProperties;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the credentials feature: the JDBC store (with the outbox), the use cases, names. */
@Configuration(proxyBeanMethods = false)
class CredentialsConfiguration {

  @Bean
  JdbcCredentialStore passkeyCredentialStore(
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      ApplicationEventPublisher events) {
    return new JdbcCredentialStore(jdbc, new TransactionTemplate(transactionManager), events);
  }

  @Bean
  PasskeyCredentials passkeyCredentials(CredentialStore store, Clock clock) {
    return new PasskeyCredentials(store, clock);
  }

  @Bean
  ProviderNames passkeyProviderNames(
      ProviderProperties providers, JsonMapper json, ScheduledExecutorService passkeyScheduler) {
    ProviderNames names = new ProviderNames(json, providers.defaultName(), providers.file());
    if (providers.file() != null) {
      long every = providers.refreshInterval().toMillis();
      passkeyScheduler.scheduleWithFixedDelay(
          names::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
    }
    return names;
  }
}
