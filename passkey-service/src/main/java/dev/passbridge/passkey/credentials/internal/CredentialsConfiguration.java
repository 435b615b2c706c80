package dev.passbridge.passkey.credentials.internal;

import dev.passbridge.passkey.credentials.CredentialStore;
import dev.passbridge.passkey.credentials.PasskeyCredentials;
import dev.passbridge.passkey.credentials.ProviderNames;
import dev.passbridge.passkey.credentials.ProviderProperties;
import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the credentials feature: the JDBC store (with the outbox), the use cases, names. */
@Configuration(proxyBeanMethods = false)
class CredentialsConfiguration {

  @Bean
  JdbcCredentialStore passkeyCredentialStore(
      JdbcClient jdbc,
      DataSource dataSource,
      PlatformTransactionManager transactionManager,
      ApplicationEventPublisher events) {
    return new JdbcCredentialStore(
        jdbc, new TransactionTemplate(transactionManager), events, isPostgres(dataSource));
  }

  /** Whether the database is PostgreSQL (and not the local profile's H2): asked once at start. */
  static boolean isPostgres(DataSource dataSource) {
    try {
      String product =
          JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
      return "PostgreSQL".equals(product);
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("cannot tell which database passkey-service uses", e);
    }
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
