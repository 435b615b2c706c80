package dev.passbridge.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.journeysupport.Capture;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.reliability.support.LogCheck;
import dev.passbridge.reliability.support.RawHttp;
import dev.passbridge.reliability.support.ReliabilityCluster;
import dev.passbridge.reliability.support.Report;
import dev.passbridge.reliability.support.ServiceProcess;
import dev.passbridge.reliability.support.Users;
import dev.passbridge.reliability.support.Users.Account;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A passkey-service instance is killed with SIGKILL after it committed a new passkey and answered
 * 201, before its outbox reached Kafka (the broker is down at that moment, so the record is still
 * in the dying process's memory). When the instance comes back, the outbox publishes {@code
 * PasskeyCreated} — once.
 */
@Order(70)
class OutboxKillIT {
  @AfterAll
  static void logs() throws Exception {
    LogCheck.assertClean(ReliabilityCluster.get());
  }

  @Test
  void aPasskeyCommittedBeforeSigkillIsStillAnnouncedExactlyOnce() throws Exception {
    ReliabilityCluster cluster = ReliabilityCluster.get();
    ServiceProcess passkey = cluster.second("passkey-service");
    Account account = Users.register(cluster);
    Users.signIn(cluster, account, Users.CONDITIONAL);
    JsonNode upgrade = Users.upgrade(account.browser(), "CONDITIONAL_CREATE");
    var device =
        new SoftwarePasskeyAuthenticator(
            cluster.url(), SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
    JsonNode credential =
        device.register(upgrade.path("publicKey"), Kind.NONE, Flags.conditional());
    String credentialId = credential.path("id").asString();

    long killedAt;
    try (Capture created = new Capture(cluster.bootstrapServers(), Topics.PASSKEY_CREATED)) {
      cluster.launcher().stopKafka();
      long pending;
      try {
        // the browser's request lands on the second instance (as the gateway's balancer may send
        // it)
        RawHttp.Answer answer =
            new RawHttp(passkey.url())
                .send(
                    "POST",
                    "/api/passkeys/registrations",
                    Map.of(
                        "Content-Type",
                        "application/json",
                        "Origin",
                        cluster.url(),
                        "Cookie",
                        "pb_session=" + account.browser().cookie("pb_session")),
                    RawHttp.json(
                        Map.of(
                            "ceremonyId",
                            upgrade.path("ceremonyId").asString(),
                            "credential",
                            credential)));
        assertThat(answer.status())
            .as("registration on the second instance: %s", answer)
            .isEqualTo(201);
        assertThat(
                cluster.count(
                    "passkey-service",
                    "SELECT COUNT(*) FROM passkey_credential WHERE credential_id = ?",
                    credentialId))
            .isEqualTo(1);
        pending =
            cluster.count(
                "passkey-service",
                "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL"
                    + " AND serialized_event LIKE ?",
                "%" + credentialId + "%");
        assertThat(pending).as("the committed, not yet published outbox entry").isEqualTo(1);
        passkey.kill(); // SIGKILL: the record waiting for the broker dies with the process
        killedAt = System.nanoTime();
      } finally {
        cluster.launcher().startKafka();
      }
      assertThat(passkey.alive()).isFalse();

      passkey.start();
      passkey.awaitHealthy(Duration.ofSeconds(180));
      double restartSeconds = (System.nanoTime() - killedAt) / 1e9;
      PasskeyCreated event =
          created.await(
              PasskeyCreated.class,
              e -> e.credentialId().equals(credentialId),
              Duration.ofSeconds(60));
      double deliveredSeconds = (System.nanoTime() - killedAt) / 1e9;
      assertThat(event.userId()).hasToString(account.userId());
      Thread.sleep(2000);
      long distinct =
          created.events(PasskeyCreated.class).stream()
              .filter(e -> e.credentialId().equals(credentialId))
              .map(PasskeyCreated::eventId)
              .distinct()
              .count();
      assertThat(distinct).as("distinct PasskeyCreated ids for the passkey").isEqualTo(1);
      assertThat(
              cluster.count(
                  "passkey-service",
                  "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL"))
          .as("outbox entries still pending")
          .isZero();
      Report.fault(
          new Report.Fault(
              "passkey-service instance killed between commit and publication",
              "SIGKILL of the separate process (broker down, so the record was in flight)",
              1,
              1,
              1,
              0,
              0,
              String.format(
                  "restarted and healthy after %.1f s; `PasskeyCreated` delivered %.1f s after"
                      + " the kill, one event id",
                  restartSeconds, deliveredSeconds)));
      Report.events(new Report.Events("outbox across SIGKILL", 1, 0, distinct - 1, 0));
    }

    // the user goes on: the passkey works for a login
    JsonNode options = account.browser().post("/api/passkeys/login/options", Map.of()).body();
    var login =
        account
            .browser()
            .post(
                "/api/passkeys/login",
                Map.of(
                    "ceremonyId", options.path("ceremonyId").asString(),
                    "credential", device.authenticate(options.path("publicKey"), credentialId)));
    assertThat(login.status()).as("passkey login after the crash %s", login).isEqualTo(200);
  }
}
