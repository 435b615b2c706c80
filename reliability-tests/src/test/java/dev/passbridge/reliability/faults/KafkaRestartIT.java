package dev.passbridge.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.reliability.support.EventCheck;
import dev.passbridge.reliability.support.Flow;
import dev.passbridge.reliability.support.Ledger;
import dev.passbridge.reliability.support.Load;
import dev.passbridge.reliability.support.LogCheck;
import dev.passbridge.reliability.support.ReliabilityCluster;
import dev.passbridge.reliability.support.Report;
import dev.passbridge.reliability.support.Soak;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker is stopped and started again (same data) while browsers run whole flows: every
 * flow completes or ends with a retryable answer, no login gets a second SMS, and the deduplicating
 * consumer sees every acknowledged event exactly once (no loss, no second event id).
 */
@Order(60)
class KafkaRestartIT {
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
      EventCheck.Summary summary = events.check(ledger, Duration.ofSeconds(30), cluster.redis());
      EventCheck.report("Kafka broker restarted under load", summary);
      recovery =
          "broker down "
              + downtimes.toString().trim()
              + "; "
              + Load.effort(outcomes)
              + "; "
              + summary.smsChecked()
              + " logins, second SMS: "
              + summary.secondSms();
      Load.report(
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
}
