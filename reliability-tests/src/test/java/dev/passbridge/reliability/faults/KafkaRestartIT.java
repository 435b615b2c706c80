package dev.passbridge.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.journeysupport.Capture;
import dev.passbridge.journeysupport.EventCheck;
import dev.passbridge.journeysupport.Flow;
import dev.passbridge.journeysupport.Ledger;
import dev.passbridge.journeysupport.Load;
import dev.passbridge.reliability.support.LogCheck;
import dev.passbridge.reliability.support.ReliabilityCluster;
import dev.passbridge.reliability.support.Report;
import dev.passbridge.reliability.support.Soak;
import dev.passbridge.reliability.support.Users;
import dev.passbridge.system.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka broker is stopped and started again (same data) while browsers run whole flows: every
 * flow completes or ends with a retryable answer, no login gets a second SMS, and the deduplicating
 * consumer sees every acknowledged event exactly once (no loss, no second event id).
 */
@Order(60)
class KafkaRestartIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @AfterAll
  static void logs() throws Exception {
    LogCheck.assertClean(ReliabilityCluster.get());
  }

  @Test
  void flowsSurviveABrokerRestartWithoutLossOrDuplicates() throws Exception {
    ReliabilityCluster cluster = ReliabilityCluster.get();
    Ledger ledger = new Ledger();
    int rounds = Soak.enabled() ? 5 : 1;
    List<Flow.Outcome> outcomes;
    String recovery;
    try (EventCheck events = new EventCheck(cluster.bootstrapServers())) {
      Load load =
          Load.start(
              4, () -> new Flow(cluster.url(), ledger, cluster.logs(), Duration.ofSeconds(90)));
      load.awaitEnded(3, Duration.ofSeconds(60));
      StringBuilder downtimes = new StringBuilder();
      for (int round = 0; round < rounds; round++) {
        long t0 = System.nanoTime();
        cluster.launcher().stopKafka();
        Thread.sleep(3000); // down: logins and verifies answer 503, decisions wait
        cluster.launcher().startKafka();
        downtimes.append(String.format("%.1f s ", (System.nanoTime() - t0) / 1e9));
        int endedAtRestart = load.ended();
        load.awaitEnded(endedAtRestart + 4, Duration.ofSeconds(90));
      }
      outcomes = load.stop();
      EventCheck.Summary summary =
          events.check(ledger, Duration.ofSeconds(30), cluster.smsOutbox());
      Report.events("Kafka broker restarted under load", summary);
      recovery =
          "broker down "
              + downtimes.toString().trim()
              + "; "
              + Load.effort(outcomes)
              + "; "
              + summary.smsChecked()
              + " logins, second SMS: "
              + summary.secondSms();
      Report.fault(
          "Kafka broker restarted",
          "stop + start of the broker (data kept)",
          rounds,
          outcomes,
          recovery);
      assertThat(Load.count(outcomes, Flow.Result.UNCLEAR))
          .as("flows without a clear answer: %s", Load.describe(outcomes))
          .isZero();
      assertThat(Load.count(outcomes, Flow.Result.COMPLETED))
          .as("completed flows: %s", Load.describe(outcomes))
          .isEqualTo(outcomes.size())
          .isPositive();
      assertThat(summary.lost()).as("lost events: %s", summary).isZero();
      assertThat(summary.duplicated()).as("duplicated events: %s", summary).isZero();
      assertThat(summary.secondSms()).as("second SMS: %s", summary).isZero();
    }
    Report.measured("flows during the broker restart", outcomes.size() + " (" + recovery + ")");
  }

  /**
   * While the broker is down, the right password is answered 503: auth-service did not get its
   * {@code PasswordAuthenticated} acknowledged. Such a record can still be delivered (on a cluster
   * it waits in the producer for the new leader; production-tests saw it four times in one broker
   * kill), and with it an SMS, so the login must not be thrown away: the browser's retry resumes
   * it. Seen from outside: the retry's login is the one made while the broker was down (its event's
   * {@code occurredAt}, its code's {@code expiresAt}), it has one event id and one SMS, and that
   * SMS's code completes it. Before, the retry was a second login made after the restart.
   *
   * <p>Both cases occur here: when the refused record waited in the producer it arrives after the
   * restart and the retry's republication is a duplicate of the same event id (otp-service skips
   * it); when the single broker's controlled shutdown left the producer without the topic's
   * metadata, the record was never sent and the republication carries the one SMS. The report line
   * says how many records there were.
   */
  @Test
  void aLoginAnsweredWhileTheBrokerIsDownIsResumedByTheBrowsersRetry() throws Exception {
    ReliabilityCluster cluster = ReliabilityCluster.get();
    Users.Account account = Users.register(cluster);
    Browser browser = account.browser();
    try (Capture capture = new Capture(cluster.bootstrapServers(), Topics.PASSWORD_AUTHENTICATED)) {
      Browser.Response refused;
      Instant brokerBack;
      cluster.launcher().stopKafka();
      try {
        refused = Users.login(account, Users.CONDITIONAL);
      } finally {
        cluster.launcher().startKafka();
        brokerBack = Instant.now();
      }
      assertThat(refused.status()).as("login while the broker is down: %s", refused).isEqualTo(503);
      assertThat(refused.problemType()).endsWith("/service-unavailable");
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(browser.cookie("pb_login_retry")).as("retry cookie").isNotNull();
      assertThat(browser.cookie("pb_login"))
          .as("the refusal hands out no binding (a planted cookie could fixate it)")
          .isNull();

      Browser.Response retried = Users.login(account, Users.CONDITIONAL);
      int refusedAgain = 0;
      for (; refusedAgain < 60 && retried.status() == 503; refusedAgain++) {
        Thread.sleep(500); // the broker may still be electing leaders
        retried = Users.login(account, Users.CONDITIONAL);
      }
      assertThat(retried.status()).as("the browser's retry: %s", retried).isEqualTo(200);
      assertThat(browser.cookie("pb_login_retry")).as("retry cookie after the resume").isNull();
      String binding = browser.cookie("pb_login");
      assertThat(binding).as("the resumed login's binding, handed out now").isNotNull();
      String loginId = retried.text("loginId");
      Instant expiresAt = Instant.parse(retried.body().path("otp").path("expiresAt").asString());
      assertThat(expiresAt)
          .as("the code's expiry is that of the login made while the broker was down")
          .isBefore(brokerBack.plus(Duration.ofMinutes(5)));

      String code = Users.code(cluster, browser, loginId);
      Browser.Response verify =
          browser.post("/api/otp/verify", Map.of("loginId", loginId, "code", code));
      assertThat(verify.status()).as("verify %s", verify).isEqualTo(204);
      Browser.Response session = browser.post("/api/auth/session", Map.of("loginId", loginId));
      assertThat(session.status()).as("session %s", session).isEqualTo(200);

      Thread.sleep(2000); // time for a late record of another login, if there were one
      List<PasswordAuthenticated> mine =
          capture.events(PasswordAuthenticated.class).stream()
              .filter(e -> e.userId().toString().equals(account.userId()))
              .toList();
      assertThat(mine).isNotEmpty();
      assertThat(mine).extracting(PasswordAuthenticated::loginId).containsOnly(loginId);
      assertThat(mine.stream().map(PasswordAuthenticated::eventId).distinct()).hasSize(1);
      assertThat(mine)
          .extracting(PasswordAuthenticated::loginBinding)
          .as("every record of the login names the binding the resuming browser holds")
          .containsOnly(LoginBinding.digest(binding));
      assertThat(mine.getFirst().occurredAt())
          .as("the event is the one of the login made while the broker was down")
          .isBefore(brokerBack);
      assertThat(cluster.redis().llen("otp:outbox:" + loginId)).as("SMS of the login").isEqualTo(1);
      Report.measured(
          "a login answered 503 while the broker was down",
          String.format(
              "the browser's retry resumed it (%d more 503 while the broker came back): %d"
                  + " PasswordAuthenticated record(s), one event id, one SMS, its code completed the"
                  + " login",
              refusedAgain, mine.size()));
    }
  }

  /**
   * A platform's backend reports a login (Connect) while the broker is down and gets 503: whether
   * the event went out is unknown to it. It reports again under the same {@code Idempotency-Key}
   * once the broker is back: the answer names the same login, and the event stream holds that
   * login's event under one event id only, however many records carried it. Without the key the
   * repeat would be a second login.
   */
  @Test
  void aConnectReportAnswered503IsOneLoginWhenRepeatedUnderItsIdempotencyKey() throws Exception {
    ReliabilityCluster cluster = ReliabilityCluster.get();
    String external = "restart-" + UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    String body =
        "{\"externalUserId\":\""
            + external
            + "\",\"username\":\""
            + external
            + "@shop.example\",\"secondFactor\":{\"channel\":\"totp\",\"verifiedAt\":\""
            + Instant.now().minusSeconds(2)
            + "\"}}";
    HttpRequest report =
        HttpRequest.newBuilder(URI.create(cluster.url() + "/connect/v1/logins"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("shop:shop-local-secret".getBytes(StandardCharsets.UTF_8)))
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try (HttpClient http = HttpClient.newHttpClient();
        Capture capture = new Capture(cluster.bootstrapServers(), Topics.PASSWORD_AUTHENTICATED)) {
      HttpResponse<String> refused;
      Instant brokerBack;
      cluster.launcher().stopKafka();
      try {
        refused = http.send(report, HttpResponse.BodyHandlers.ofString());
      } finally {
        cluster.launcher().startKafka();
        brokerBack = Instant.now();
      }
      assertThat(refused.statusCode())
          .as("report while the broker is down: %s", refused.body())
          .isEqualTo(503);

      HttpResponse<String> repeated = http.send(report, HttpResponse.BodyHandlers.ofString());
      int refusedAgain = 0;
      for (; refusedAgain < 60 && repeated.statusCode() == 503; refusedAgain++) {
        Thread.sleep(500); // the broker may still be electing leaders
        repeated = http.send(report, HttpResponse.BodyHandlers.ofString());
      }
      assertThat(repeated.statusCode()).as("the repeat: %s", repeated.body()).isEqualTo(201);
      String loginId = JSON.readTree(repeated.body()).path("loginId").asString();
      capture.await(
          PasswordAuthenticated.class, e -> e.loginId().equals(loginId), Duration.ofSeconds(30));

      Thread.sleep(2000); // time for a late record of the refused attempt, if there were one
      List<PasswordAuthenticated> mine =
          capture.events(PasswordAuthenticated.class).stream()
              .filter(e -> external.equals(e.externalUserId()))
              .toList();
      assertThat(mine).extracting(PasswordAuthenticated::loginId).containsOnly(loginId);
      assertThat(mine.stream().map(PasswordAuthenticated::eventId).distinct()).hasSize(1);
      assertThat(mine.getFirst().occurredAt())
          .as("the login is the one the refused report made (without the key: a new one)")
          .isBefore(brokerBack);
      Report.measured(
          "a Connect report answered 503 while the broker was down",
          String.format(
              "repeated under its Idempotency-Key (%d more 503 while the broker came back): one"
                  + " login, %d PasswordAuthenticated record(s), one event id",
              refusedAgain, mine.size()));
    }
  }
}
