package dev.passbridge.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Redis is stopped and started again empty while logins, codes and ceremonies are in flight. While
 * it is down, requests that need it get a 503 problem; afterwards each in-flight step fails with
 * its own clear problem (the state it relied on is gone), and new flows complete without restarting
 * any service.
 */
@Order(50)
class RedisRestartIT {
  @AfterAll
  static void logs() throws Exception {
    LogCheck.assertClean(ReliabilityCluster.get());
  }

  @Test
  void inFlightStepsFailClearlyAndTheServicesRecoverOnTheirOwn() throws Exception {
    ReliabilityCluster cluster = ReliabilityCluster.get();
    Answers answers = new Answers("requests during and after the Redis restart");

    // in flight: a code not yet typed, a login not yet exchanged, a ceremony, a passkey challenge
    Account typing = Users.register(cluster);
    Browser.Response login =
        typing
            .browser()
            .post(
                "/api/auth/login",
                Map.of("username", typing.username(), "password", typing.password()));
    assertThat(login.status()).as("login %s", login).isEqualTo(200);
    String typingLogin = login.text("loginId");
    String typingCode = Users.code(cluster, typing.browser(), typingLogin);

    Account exchanging = Users.register(cluster);
    String exchangingLogin =
        exchanging
            .browser()
            .post(
                "/api/auth/login",
                Map.of("username", exchanging.username(), "password", exchanging.password()))
            .text("loginId");
    String code = Users.code(cluster, exchanging.browser(), exchangingLogin);
    assertThat(
            exchanging
                .browser()
                .post("/api/otp/verify", Map.of("loginId", exchangingLogin, "code", code))
                .status())
        .isEqualTo(204);

    Account upgrading = Users.register(cluster);
    Users.signIn(cluster, upgrading, Users.CONDITIONAL);
    JsonNode upgrade = Users.upgrade(upgrading.browser(), "CONDITIONAL_CREATE");
    var device =
        new SoftwarePasskeyAuthenticator(
            cluster.url(), SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
    JsonNode credential =
        device.register(upgrade.path("publicKey"), Kind.NONE, Flags.conditional());

    JsonNode options = upgrading.browser().post("/api/passkeys/login/options", Map.of()).body();

    Map<String, Browser.Response> down = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    cluster.launcher().stopRedis();
    try {
      down.put(
          "password login",
          typing
              .browser()
              .post(
                  "/api/auth/login",
                  Map.of("username", typing.username(), "password", typing.password())));
      down.put(
          "OTP verify",
          typing
              .browser()
              .post("/api/otp/verify", Map.of("loginId", typingLogin, "code", typingCode)));
      down.put(
          "passkey login options",
          upgrading.browser().post("/api/passkeys/login/options", Map.of()));
      down.put("upgrade", upgrading.browser().get("/api/passkeys/upgrade"));
    } finally {
      cluster.launcher().startRedis();
    }
    double downtime = (System.nanoTime() - t0) / 1e9;
    down.forEach(
        (step, r) -> {
          answers.count(r);
          assertThat(r.status()).as("%s while Redis is down: %s", step, r).isEqualTo(503);
          Answers.assertProblem(r, 503, "service-unavailable");
        });

    // after: every in-flight step gets its own clear problem
    Map<String, Browser.Response> after = new LinkedHashMap<>();
    after.put(
        "OTP verify (code gone)",
        answers.expect(
            typing
                .browser()
                .post("/api/otp/verify", Map.of("loginId", typingLogin, "code", typingCode)),
            410,
            "otp-expired"));
    after.put(
        "session exchange (login gone)",
        answers.expect(
            exchanging.browser().post("/api/auth/session", Map.of("loginId", exchangingLogin)),
            410,
            "login-expired"));
    after.put(
        "passkey registration (ceremony gone)",
        answers.expect(
            upgrading
                .browser()
                .post(
                    "/api/passkeys/registrations",
                    Map.of(
                        "ceremonyId",
                        upgrade.path("ceremonyId").asString(),
                        "credential",
                        credential)),
            400,
            "challenge-expired"));
    assertThat(
            cluster.count(
                "passkey-service",
                "SELECT COUNT(*) FROM passkey_credential WHERE credential_id = ?",
                credential.path("id").asString()))
        .isZero();

    // recovery without a restart: new flows complete
    List<Flow.Outcome> flows = new ArrayList<>();
    Ledger ledger = new Ledger();
    for (int i = 0; i < 2; i++) {
      flows.add(new Flow(cluster.url(), ledger, cluster.logs(), Duration.ofSeconds(60)).run());
    }
    double firstFlow = flows.getFirst().millis() / 1000.0;
    assertThat(flows).allMatch(o -> o.result() == Flow.Result.COMPLETED, "flows after the restart");
    // and the interrupted users simply start again
    Users.signIn(cluster, typing, Map.of());
    Users.signIn(cluster, upgrading, Users.CONDITIONAL);
    JsonNode fresh = Users.upgrade(upgrading.browser(), "CONDITIONAL_CREATE");
    JsonNode newCredential =
        device.register(fresh.path("publicKey"), Kind.NONE, Flags.conditional());
    assertThat(
            upgrading
                .browser()
                .post(
                    "/api/passkeys/registrations",
                    Map.of(
                        "ceremonyId",
                        fresh.path("ceremonyId").asString(),
                        "credential",
                        newCredential))
                .status())
        .isEqualTo(201);
    Report.fault(
        new Report.Fault(
            "Redis restarted (all data lost)",
            "stop + start of redis-server",
            1,
            down.size() + after.size() + flows.size(),
            flows.size(),
            down.size(),
            0,
            String.format(
                "while down (%.1f s): %d requests → 503 `service-unavailable`; after: code gone →"
                    + " 410 `otp-expired`, login gone → 410 `login-expired`, ceremony gone → 400"
                    + " `challenge-expired`; first new flow complete in %.1f s, no service"
                    + " restarted",
                downtime, down.size(), firstFlow)));
  }
}
