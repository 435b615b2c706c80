package dev.passbridge.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.journeysupport.Capture;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.reliability.support.LogCheck;
import dev.passbridge.reliability.support.ReliabilityCluster;
import dev.passbridge.reliability.support.Report;
import dev.passbridge.reliability.support.Users;
import dev.passbridge.reliability.support.Users.Account;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The broker is down for longer than the producer waits (5 s for metadata, 10 s to deliver) while a
 * passkey is committed: its {@code PasskeyCreated} cannot be sent and the outbox marks the
 * publication failed. Once the broker is back, the running instances send it again by themselves
 * ({@code passbridge.passkey.outbox.resubmit-every}, 30 s), with no restart: before, it waited in
 * {@code event_publication} for the next start of an instance, and auth-service and
 * intelligence-service did not know the user had a passkey meanwhile.
 */
@Order(71)
class OutboxRelayIT {
  @AfterAll
  static void logs() throws Exception {
    LogCheck.assertClean(ReliabilityCluster.get());
  }

  private static long failed(ReliabilityCluster cluster, String credentialId) {
    return cluster.count(
        "passkey-service",
        "SELECT COUNT(*) FROM event_publication WHERE status = 'FAILED' AND serialized_event LIKE ?",
        "%" + credentialId + "%");
  }

  @Test
  void aPublicationKafkaRefusedIsSentWhenTheBrokerIsBackWithoutARestart() throws Exception {
    ReliabilityCluster cluster = ReliabilityCluster.get();
    Account account = Users.register(cluster);
    Users.signIn(cluster, account, Users.CONDITIONAL);
    JsonNode upgrade = Users.upgrade(account.browser(), "CONDITIONAL_CREATE");
    var device =
        new SoftwarePasskeyAuthenticator(
            cluster.url(), SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
    JsonNode credential =
        device.register(upgrade.path("publicKey"), Kind.NONE, Flags.conditional());
    String credentialId = credential.path("id").asString();

    try (Capture created = new Capture(cluster.bootstrapServers(), Topics.PASSKEY_CREATED)) {
      double failedSeconds;
      long back;
      cluster.launcher().stopKafka();
      try {
        var answer =
            account
                .browser()
                .post(
                    "/api/passkeys/registrations",
                    Map.of(
                        "ceremonyId",
                        upgrade.path("ceremonyId").asString(),
                        "credential",
                        credential));
        assertThat(answer.status())
            .as("registration while the broker is down %s", answer)
            .isEqualTo(201);
        long committed = System.nanoTime();
        long deadline = committed + Duration.ofSeconds(60).toNanos();
        while (failed(cluster, credentialId) == 0 && System.nanoTime() < deadline) {
          Thread.sleep(500);
        }
        assertThat(failed(cluster, credentialId))
            .as("the send gave up and the publication is marked failed")
            .isEqualTo(1);
        failedSeconds = (System.nanoTime() - committed) / 1e9;
      } finally {
        cluster.launcher().startKafka();
        back = System.nanoTime();
      }

      PasskeyCreated event =
          created.await(
              PasskeyCreated.class,
              e -> e.credentialId().equals(credentialId),
              Duration.ofSeconds(120));
      double deliveredSeconds = (System.nanoTime() - back) / 1e9;
      assertThat(event.userId()).hasToString(account.userId());
      Thread.sleep(2000);
      long distinct =
          created.events(PasskeyCreated.class).stream()
              .filter(e -> e.credentialId().equals(credentialId))
              .map(PasskeyCreated::eventId)
              .distinct()
              .count();
      assertThat(distinct).as("distinct PasskeyCreated ids for the passkey").isEqualTo(1);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (cluster.count(
                  "passkey-service",
                  "SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE ?",
                  "%" + credentialId + "%")
              > 0
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(
              cluster.count(
                  "passkey-service",
                  "SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE ?",
                  "%" + credentialId + "%"))
          .as("the publication is completed (and removed)")
          .isZero();
      Report.fault(
          new Report.Fault(
              "broker down longer than the producer waits at an outbox send",
              "stop of the broker while a passkey is committed, start again",
              1,
              1,
              1,
              0,
              0,
              String.format(
                  "the send failed after %.1f s; `PasskeyCreated` delivered %.1f s after the"
                      + " broker's start by the running instance (no restart), one event id",
                  failedSeconds, deliveredSeconds)));
    }
  }
}
