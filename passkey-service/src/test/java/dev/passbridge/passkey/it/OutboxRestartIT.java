package dev.passbridge.passkey.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.passkey.PasskeyApplication;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.passkey.upgrade.UpgradeService;
import dev.passbridge.testsupport.EventCapture;
import dev.passbridge.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The transactional outbox survives a crash between commit and publication: Kafka is unreachable
 * while the passkey is committed, the instance stops, a new instance on the same database publishes
 * the pending {@code PasskeyCreated} exactly once.
 */
class OutboxRestartIT {

  static ConfigurableApplicationContext start(String database, String bootstrap, boolean kafkaUp) {
    // command-line arguments: they outrank passkey-service.yml (default properties would not)
    return new SpringApplicationBuilder(PasskeyApplication.class, TestSessions.class)
        .run(
            "--spring.config.name=passkey-service",
            "--server.port=0",
            "--spring.kafka.bootstrap-servers=" + bootstrap,
            "--spring.kafka.producer.properties.max.block.ms=" + (kafkaUp ? 5000 : 800),
            "--spring.kafka.admin.auto-create=" + kafkaUp,
            "--passbridge.kafka.create-topics=" + kafkaUp,
            "--passbridge.passkey.consume-events=false",
            "--spring.datasource.url=" + database,
            "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
            "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
            "--spring.data.redis.host=127.0.0.1",
            "--spring.data.redis.port=" + TestInfrastructure.redisPort(),
            "--passbridge.connect.login-result.signing-key=" + IntegrationTestBase.LOGIN_RESULT_KEY,
            "--logging.level.org.apache.kafka=ERROR");
  }

  static long pendingPublications(JdbcClient jdbc) {
    return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL")
        .query(Long.class)
        .single();
  }

  @Test
  void passkeyCreatedIsPublishedExactlyOnceByTheNextInstanceWhenKafkaWasDownAtCommit()
      throws Exception {
    String database = TestInfrastructure.freshPostgresDatabase("passkey_outbox");
    String bootstrap = TestInfrastructure.kafkaBootstrapServers();
    UUID userId = UUID.randomUUID();
    String loginId = IntegrationTestBase.loginId();
    String credentialId;

    try (ConfigurableApplicationContext first =
        start(database, "127.0.0.1:" + TestInfrastructure.freePort(), false)) {
      first
          .getBean(UpgradeService.class)
          .onEligible(IntegrationTestBase.eligible(userId, loginId, UpgradeMode.CONDITIONAL));
      Http http = new Http(first.getEnvironment().getProperty("local.server.port", Integer.class));
      String session = TestSessions.token(userId, loginId);
      JsonNode decision = http.get("/api/passkeys/upgrade", session).body();
      var authenticator =
          new SoftwarePasskeyAuthenticator(
              Http.ORIGIN, SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
      JsonNode credential =
          authenticator.register(decision.get("publicKey"), Kind.NONE, Flags.conditional());
      Http.Response created =
          http.post(
              "/api/passkeys/registrations",
              session,
              Map.of(
                  "ceremonyId", decision.get("ceremonyId").asString(), "credential", credential));
      assertThat(created.status()).isEqualTo(201);
      credentialId = created.body().get("credentialId").asString();
      JdbcClient jdbc = first.getBean(JdbcClient.class);
      // committed: the passkey and its (not yet externalised) publication
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM passkey_credential WHERE credential_id = :id")
                  .param("id", credentialId)
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
      assertThat(pendingPublications(jdbc)).isEqualTo(1);
      Thread.sleep(1500); // the failed send attempt has run its course
      assertThat(pendingPublications(jdbc)).isEqualTo(1);
    }

    try (var capture = EventCapture.of(bootstrap, Topics.PASSKEY_CREATED);
        ConfigurableApplicationContext second = start(database, bootstrap, true)) {
      String id = credentialId;
      PasskeyCreated event =
          capture.await(
              PasskeyCreated.class, e -> e.credentialId().equals(id), Duration.ofSeconds(30));
      assertThat(event.userId()).isEqualTo(userId);
      assertThat(event.loginId()).isEqualTo(loginId);
      Thread.sleep(2000);
      assertThat(
              capture.events(PasskeyCreated.class).stream()
                  .filter(e -> e.credentialId().equals(id)))
          .hasSize(1);
      JdbcClient jdbc = second.getBean(JdbcClient.class);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (pendingPublications(jdbc) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(pendingPublications(jdbc)).isZero();
    }
  }
}
