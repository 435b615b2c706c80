package dev.passbridge.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.journeysupport.Clients;
import dev.passbridge.journeysupport.Flow;
import dev.passbridge.journeysupport.Ledger;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.reliability.support.Answers;
import dev.passbridge.reliability.support.LogCheck;
import dev.passbridge.reliability.support.ReliabilityCluster;
import dev.passbridge.reliability.support.Report;
import dev.passbridge.reliability.support.Users;
import dev.passbridge.reliability.support.Users.Account;
import dev.passbridge.system.Browser;
import dev.passbridge.testsupport.EventCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL becomes unreachable for auth-service and passkey-service (both instances: their TCP
 * proxy is cut, so connections drop and new ones are refused). Every request that needs the
 * database gets a 503 problem with Retry-After in bounded time, steps that do not need it go on,
 * nothing half-written remains, and the services recover on their own when the database is back.
 */
@Order(40)
class DatabaseOutageIT {
  @AfterAll
  static void logs() throws Exception {
    LogCheck.assertClean(ReliabilityCluster.get());
  }

  @Test
  void requestsNeedingTheDatabaseGet503AndNothingHalfWrittenRemains() throws Exception {
    ReliabilityCluster cluster = ReliabilityCluster.get();
    Answers answers = new Answers("requests during the database outage");

    // before: a user in the middle of an upgrade, a user with a passkey, a user with a session
    Account upgrading = Users.register(cluster);
    Users.signIn(cluster, upgrading, Users.CONDITIONAL);
    JsonNode upgrade = Users.upgrade(upgrading.browser(), "CONDITIONAL_CREATE");
    var device =
        new SoftwarePasskeyAuthenticator(
            cluster.url(), SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
    JsonNode credential =
        device.register(upgrade.path("publicKey"), Kind.NONE, Flags.conditional());
    Account existing = Users.register(cluster);
    String newUsername = Clients.username();
    String newPassword = Clients.password();
    String newPhone = Clients.phone();
    cluster.logs().phone(newPhone);

    Map<String, Browser.Response> during = new LinkedHashMap<>();
    long slowest;
    try (EventCapture created =
        EventCapture.of(cluster.bootstrapServers(), Topics.PASSKEY_CREATED)) {
      cluster.database("auth-service").cut();
      cluster.database("passkey-service").cut();
      long cutAt = System.nanoTime();
      try {
        Map<String, Supplier<Browser.Response>> requests = new LinkedHashMap<>();
        requests.put(
            "register",
            () ->
                Clients.browser(cluster.url())
                    .post(
                        "/api/auth/register",
                        Clients.registration(newUsername, newPassword, newPhone)));
        requests.put(
            "password login",
            () ->
                existing
                    .browser()
                    .post(
                        "/api/auth/login",
                        Map.of("username", existing.username(), "password", existing.password())));
        requests.put("GET /api/me", () -> upgrading.browser().get("/api/me"));
        requests.put("GET /api/passkeys", () -> upgrading.browser().get("/api/passkeys"));
        requests.put(
            "passkey registration",
            () ->
                upgrading
                    .browser()
                    .post(
                        "/api/passkeys/registrations",
                        Map.of(
                            "ceremonyId",
                            upgrade.path("ceremonyId").asString(),
                            "credential",
                            credential)));
        slowest = 0;
        for (var request : requests.entrySet()) {
          long t0 = System.nanoTime();
          Browser.Response r = request.getValue().get();
          slowest = Math.max(slowest, System.nanoTime() - t0);
          answers.count(r);
          during.put(request.getKey(), r);
        }
      } finally {
        cluster.database("auth-service").restore();
        cluster.database("passkey-service").restore();
      }
      double outage = (System.nanoTime() - cutAt) / 1e9;

      during.forEach(
          (step, r) -> {
            assertThat(r.status()).as("%s during the outage: %s", step, r).isEqualTo(503);
            Answers.assertProblem(r, 503, "service-unavailable");
            assertThat(r.headers().firstValue("Retry-After"))
                .as("%s Retry-After", step)
                .isPresent();
          });
      assertThat(slowest / 1e9).as("slowest answer during the outage, s").isLessThan(8);

      // nothing half-written: no account, no passkey, no outbox entry, no event
      assertThat(
              cluster.count(
                  "auth-service",
                  "SELECT COUNT(*) FROM user_account WHERE username = ?",
                  newUsername))
          .isZero();
      assertThat(
              cluster.count(
                  "passkey-service",
                  "SELECT COUNT(*) FROM passkey_credential WHERE credential_id = ?",
                  credential.path("id").asString()))
          .isZero();
      assertThat(
              cluster.count(
                  "passkey-service",
                  "SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE ?",
                  "%" + credential.path("id").asString() + "%"))
          .isZero();

      // recovery, without restarting anything: the same registration now succeeds
      long restoredAt = System.nanoTime();
      Browser browser = Clients.browser(cluster.url());
      Browser.Response again = null;
      while (System.nanoTime() - restoredAt < Duration.ofSeconds(30).toNanos()) {
        again =
            browser.post(
                "/api/auth/register", Clients.registration(newUsername, newPassword, newPhone));
        if (again.status() != 503) {
          break;
        }
        Thread.sleep(200);
      }
      double recovery = (System.nanoTime() - restoredAt) / 1e9;
      assertThat(again.status()).as("registration after recovery %s", again).isEqualTo(201);
      List<Flow.Outcome> after = new ArrayList<>();
      Ledger ledger = new Ledger();
      for (int i = 0; i < 2; i++) {
        after.add(new Flow(cluster.url(), ledger, cluster.logs(), Duration.ofSeconds(60)).run());
      }
      assertThat(after).allMatch(o -> o.result() == Flow.Result.COMPLETED, "flows after recovery");
      Thread.sleep(500);
      assertThat(
              created.events(PasskeyCreated.class).stream()
                  .filter(e -> e.credentialId().equals(credential.path("id").asString())))
          .as("no PasskeyCreated for the refused registration")
          .isEmpty();

      Report.fault(
          new Report.Fault(
              "PostgreSQL unreachable (auth + passkey databases)",
              "TCP proxy cut: connections dropped, new ones refused",
              1,
              during.size() + after.size(),
              after.size(),
              during.size(),
              0,
              String.format(
                  "%d requests → 503 `service-unavailable` + Retry-After (slowest %.1f s), nothing"
                      + " half-written; back %.1f s after the database, no restart; %d new flows"
                      + " complete",
                  during.size(), slowest / 1e9, recovery, after.size())));
      Report.measured("database outage", String.format("%.1f s", outage));
    }
  }
}
