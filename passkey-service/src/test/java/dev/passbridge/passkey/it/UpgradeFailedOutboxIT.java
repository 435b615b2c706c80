package dev.passbridge.passkey.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.passkey.upgrade.UpgradeService;
import dev.passbridge.testsupport.EventCapture;
import dev.passbridge.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code PasskeyUpgradeFailed} goes through the same outbox as {@code PasskeyCreated}: Kafka is
 * unreachable when the browser reports the failed upgrade, the call still succeeds and closes the
 * ceremony, and a new instance on the same database publishes the event exactly once.
 */
class UpgradeFailedOutboxIT {

  @Test
  void upgradeFailedIsPublishedByTheNextInstanceWhenKafkaWasDownAtTheOutcomeCall()
      throws Exception {
    String database = TestInfrastructure.freshPostgresDatabase("passkey_failed_outbox");
    String bootstrap = TestInfrastructure.kafkaBootstrapServers();
    UUID userId = UUID.randomUUID();
    String loginId = IntegrationTestBase.loginId();
    String ceremonyId;

    try (ConfigurableApplicationContext first =
        OutboxRestartIT.start(database, "127.0.0.1:" + TestInfrastructure.freePort(), false)) {
      first
          .getBean(UpgradeService.class)
          .onEligible(IntegrationTestBase.eligible(userId, loginId, UpgradeMode.PROMPT));
      Http http = new Http(first.getEnvironment().getProperty("local.server.port", Integer.class));
      String session = TestSessions.token(userId, loginId);
      JsonNode decision = http.get("/api/passkeys/upgrade", session).body();
      assertThat(decision.get("action").asString()).isEqualTo("PROMPT");
      ceremonyId = decision.get("ceremonyId").asString();

      Http.Response outcome =
          http.post(
              "/api/passkeys/upgrade/outcome",
              session,
              Map.of("ceremonyId", ceremonyId, "errorName", "NotAllowedError"));
      assertThat(outcome.status()).isEqualTo(204);
      // the ceremony is closed (Redis) and the event waits in the outbox (PostgreSQL)
      assertThat(http.get("/api/passkeys/upgrade", session).body().get("reason").asString())
          .isEqualTo("FAILED");
      JdbcClient jdbc = first.getBean(JdbcClient.class);
      assertThat(OutboxRestartIT.pendingPublications(jdbc)).isEqualTo(1);
      Thread.sleep(1500); // the failed send attempt has run its course
      assertThat(OutboxRestartIT.pendingPublications(jdbc)).isEqualTo(1);
    }

    try (var capture = EventCapture.of(bootstrap, Topics.PASSKEY_UPGRADE_FAILED);
        ConfigurableApplicationContext second = OutboxRestartIT.start(database, bootstrap, true)) {
      String id = ceremonyId;
      PasskeyUpgradeFailed event =
          capture.await(
              PasskeyUpgradeFailed.class, e -> e.ceremonyId().equals(id), Duration.ofSeconds(30));
      assertThat(event.userId()).isEqualTo(userId);
      assertThat(event.loginId()).isEqualTo(loginId);
      assertThat(event.mode()).isEqualTo(UpgradeMode.PROMPT);
      assertThat(event.errorName()).isEqualTo("NotAllowedError");
      Thread.sleep(2000);
      assertThat(
              capture.events(PasskeyUpgradeFailed.class).stream()
                  .filter(e -> e.ceremonyId().equals(id)))
          .hasSize(1);
      JdbcClient jdbc = second.getBean(JdbcClient.class);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (OutboxRestartIT.pendingPublications(jdbc) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(OutboxRestartIT.pendingPublications(jdbc)).isZero();
    }
  }
}
