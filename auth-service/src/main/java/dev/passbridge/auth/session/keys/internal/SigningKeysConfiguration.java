package dev.passbridge.auth.session.keys.internal;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.passbridge.auth.session.AuthSessionProperties;
import dev.passbridge.auth.session.keys.KeyRotationPolicy;
import dev.passbridge.auth.session.keys.SigningKeyProperties;
import dev.passbridge.auth.session.keys.SigningKeys;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signing keys from the database, refreshed and rotated on a schedule, and the {@link JWKSource}
 * the platform's {@code SessionVerifier} uses inside auth-service (no HTTP round trip to itself).
 */
@Configuration(proxyBeanMethods = false)
class SigningKeysConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SigningKeysConfiguration.class);

  @Bean
  JdbcSigningKeyStore authSigningKeyStore(JdbcClient jdbc, SigningKeyProperties properties) {
    return new JdbcSigningKeyStore(jdbc, new KeyEncryption(properties.encryptionKey()));
  }

  @Bean
  SigningKeys authSigningKeys(
      JdbcSigningKeyStore store,
      SigningKeyProperties properties,
      AuthSessionProperties sessions,
      Clock clock) {
    var policy =
        new KeyRotationPolicy(
            properties.rotationPeriod(), properties.publishLead(), sessions.ttl());
    SigningKeys keys = new SigningKeys(store, policy, clock);
    keys.refresh();
    return keys;
  }

  @Bean
  JWKSource<SecurityContext> authSessionKeySource(SigningKeys keys) {
    return keys.verificationSource();
  }

  @Bean
  SmartInitializingSingleton authSigningKeyRefresh(
      SigningKeys keys, SigningKeyProperties properties, ScheduledExecutorService authScheduler) {
    return () -> {
      long interval = properties.checkInterval().toMillis();
      authScheduler.scheduleWithFixedDelay(
          () -> {
            try {
              keys.refresh();
            } catch (RuntimeException e) {
              log.warn("signing key refresh failed, will retry: {}", e.toString());
            }
          },
          interval,
          interval,
          TimeUnit.MILLISECONDS);
    };
  }
}
