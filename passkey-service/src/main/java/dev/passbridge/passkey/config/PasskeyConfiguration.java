package dev.passbridge.passkey.config;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.passkey.ceremony.CeremonyStore;
import dev.passbridge.passkey.ceremony.RandomTokens;
import dev.passbridge.passkey.credentials.PasskeyCredentials;
import dev.passbridge.passkey.credentials.ProviderNames;
import dev.passbridge.passkey.credentials.internal.CredentialStore;
import dev.passbridge.passkey.login.PasskeyLoginService;
import dev.passbridge.passkey.login.internal.AssertionVerifier;
import dev.passbridge.passkey.registration.RegistrationService;
import dev.passbridge.passkey.registration.internal.RegistrationVerifier;
import dev.passbridge.passkey.upgrade.DecisionWaiter;
import dev.passbridge.passkey.upgrade.UpgradeEventsListener;
import dev.passbridge.passkey.upgrade.UpgradeService;
import dev.passbridge.passkey.upgrade.internal.CreationOptionsFactory;
import dev.passbridge.passkey.webauthn.RelyingPartyPolicy;
import dev.passbridge.passkey.webauthn.WebAuthnManagers;
import dev.passbridge.platform.kafka.EventPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;
import tools.jackson.databind.json.JsonMapper;

/** Wires passkey-service: the plain-Java core gets its adapters here. */
@Configuration(proxyBeanMethods = false)
public class PasskeyConfiguration {

  @Bean
  ObjectConverter passkeyObjectConverter() {
    return new ObjectConverter();
  }

  @Bean
  RelyingPartyPolicy passkeyRelyingPartyPolicy(PasskeyProperties properties) {
    return new RelyingPartyPolicy(
        properties.rp().id(),
        properties.rp().name(),
        properties.origins(),
        properties.algorithms(),
        new LinkedHashSet<>(properties.attestation().formats()));
  }

  @Bean
  WebAuthnManager passkeyWebAuthnManager(
      PasskeyProperties properties, RelyingPartyPolicy policy, ObjectConverter objectConverter)
      throws IOException {
    return WebAuthnManagers.create(
        policy.formats(),
        certificates(properties.attestation().trustAnchors()),
        properties.attestation().requireTrustedCertificates(),
        objectConverter);
  }

  static List<X509Certificate> certificates(List<Resource> resources) throws IOException {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Resource resource : resources) {
        try (InputStream in = resource.getInputStream()) {
          factory.generateCertificates(in).forEach(c -> certificates.add((X509Certificate) c));
        }
      }
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalStateException("cannot read attestation trust anchors", e);
    }
    return certificates;
  }

  @Bean
  RegistrationVerifier passkeyRegistrationVerifier(
      WebAuthnManager manager, RelyingPartyPolicy policy, ObjectConverter objectConverter) {
    return new RegistrationVerifier(manager, policy, objectConverter);
  }

  @Bean
  AssertionVerifier passkeyAssertionVerifier(
      WebAuthnManager manager, RelyingPartyPolicy policy, ObjectConverter objectConverter) {
    return new AssertionVerifier(manager, policy, objectConverter);
  }

  @Bean
  RandomTokens passkeyRandomTokens() {
    return new RandomTokens();
  }

  /** Runs the upgrade-decision polls and the provider-name refresh. */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService passkeyScheduler(PasskeyProperties properties) {
    return Executors.newScheduledThreadPool(
        properties.upgrade().pollThreads(),
        Thread.ofPlatform().name("passkey-scheduler-", 0).daemon().factory());
  }

  @Bean
  CeremonyStore passkeyCeremonyStore(StringRedisTemplate redis, JsonMapper json) {
    return new CeremonyStore(redis, json);
  }

  @Bean
  CredentialStore passkeyCredentialStore(JdbcClient jdbc) {
    return new CredentialStore(jdbc);
  }

  @Bean
  PasskeyCredentials passkeyCredentials(
      CredentialStore store, ApplicationEventPublisher events, Clock clock) {
    return new PasskeyCredentials(store, events, clock);
  }

  @Bean
  ProviderNames passkeyProviderNames(
      PasskeyProperties properties, JsonMapper json, ScheduledExecutorService passkeyScheduler) {
    var providers = properties.providers();
    ProviderNames names = new ProviderNames(json, providers.defaultName(), providers.file());
    if (providers.file() != null) {
      long every = providers.refreshInterval().toMillis();
      passkeyScheduler.scheduleWithFixedDelay(
          names::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
    }
    return names;
  }

  @Bean
  CreationOptionsFactory passkeyCreationOptionsFactory(
      RelyingPartyPolicy policy, PasskeyProperties properties) {
    return new CreationOptionsFactory(policy, properties.ceremonyTtl());
  }

  @Bean
  UpgradeService passkeyUpgradeService(
      CeremonyStore store,
      PasskeyCredentials credentials,
      CreationOptionsFactory options,
      RandomTokens random,
      EventPublisher publisher,
      Clock clock,
      PasskeyProperties properties) {
    return new UpgradeService(
        store, credentials, options, random, publisher, clock, properties.ceremonyTtl());
  }

  @Bean
  UpgradeEventsListener passkeyUpgradeEventsListener(UpgradeService upgrades) {
    return new UpgradeEventsListener(upgrades);
  }

  @Bean
  DecisionWaiter passkeyDecisionWaiter(
      CeremonyStore store,
      ScheduledExecutorService passkeyScheduler,
      PasskeyProperties properties) {
    return new DecisionWaiter(store, passkeyScheduler, properties.upgrade().pollInterval());
  }

  @Bean
  RegistrationService passkeyRegistrationService(
      CeremonyStore store,
      RegistrationVerifier verifier,
      PasskeyCredentials credentials,
      ProviderNames providers,
      UpgradeService upgrades,
      Clock clock) {
    return new RegistrationService(store, verifier, credentials, providers, upgrades, clock);
  }

  @Bean
  PasskeyLoginService passkeyLoginService(
      CeremonyStore store,
      AssertionVerifier verifier,
      PasskeyCredentials credentials,
      RelyingPartyPolicy policy,
      RandomTokens random,
      EventPublisher publisher,
      Clock clock,
      PasskeyProperties properties) {
    return new PasskeyLoginService(
        store, verifier, credentials, policy, random, publisher, clock, properties.ceremonyTtl());
  }

  /**
   * The platform's event template, declared here because declaring {@link
   * #passkeyOutboxKafkaTemplate} switches off the platform's own (it backs off on any
   * KafkaTemplate). Same producer factory: contracts' EventSerializer, idempotent, acks=all.
   */
  @Bean
  KafkaTemplate<String, PassbridgeEvent> passkeyEventKafkaTemplate(
      ProducerFactory<String, PassbridgeEvent> producerFactory) {
    KafkaTemplate<String, PassbridgeEvent> template = new KafkaTemplate<>(producerFactory);
    template.setObservationEnabled(true);
    return template;
  }

  /**
   * spring-modulith's Kafka externaliser asks for a {@code KafkaOperations<Object, Object>}: the
   * same producer factory seen through that type, so the outbox also writes with contracts'
   * EventSerializer (CloudEvents headers included).
   */
  @Bean
  @SuppressWarnings({"unchecked", "rawtypes"})
  KafkaTemplate<Object, Object> passkeyOutboxKafkaTemplate(
      ProducerFactory<String, PassbridgeEvent> producerFactory) {
    KafkaTemplate<Object, Object> template = new KafkaTemplate<>((ProducerFactory) producerFactory);
    template.setObservationEnabled(true);
    return template;
  }

  /**
   * The outbox's way out: {@code PasskeyCreated} and {@code PasskeyDeleted} from the event
   * publication registry go to their contracts topic, keyed by user id, through the platform's
   * {@code KafkaTemplate} (contracts' EventSerializer, CloudEvents headers).
   */
  @Bean
  EventExternalizationConfiguration passkeyEventExternalization() {
    return EventExternalizationConfiguration.externalizing()
        .select(event -> event instanceof PasskeyCreated || event instanceof PasskeyDeleted)
        .routeAll(
            event -> {
              PassbridgeEvent e = (PassbridgeEvent) event;
              return RoutingTarget.forTarget(Topics.of(e).name()).andKey(e.key());
            })
        .build();
  }
}
