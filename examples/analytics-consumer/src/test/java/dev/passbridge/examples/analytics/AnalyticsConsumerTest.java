package dev.passbridge.examples.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.examples.analytics.FunnelReport.Key;
import dev.passbridge.examples.analytics.FunnelReport.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The command line and the table, without Kafka. */
class AnalyticsConsumerTest {
  @Test
  void parsesTheOptions() {
    Options o =
        Options.parse(
            "--bootstrap-servers",
            "kafka:9092",
            "--from=2026-06-01",
            "--to=2026-06-07",
            "--format=json",
            "--follow",
            "--interval=30s",
            "--join-window=PT5M",
            "--source=connect");
    assertThat(o.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(o.from()).isEqualTo(LocalDate.parse("2026-06-01"));
    assertThat(o.to()).isEqualTo(LocalDate.parse("2026-06-07"));
    assertThat(o.format()).isEqualTo(Options.Format.JSON);
    assertThat(o.follow()).isTrue();
    assertThat(o.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.joinWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(o.source()).isEqualTo("CONNECT");

    Options defaults = Options.parse();
    assertThat(defaults.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(defaults.format()).isEqualTo(Options.Format.TABLE);
    assertThat(defaults.from()).isNull();
    assertThat(defaults.joinWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(defaults.source()).isNull();
  }

  @Test
  void refusesABadCommandLineWithExitCode2AndAMessage() {
    assertThatThrownBy(() -> Options.parse("--from=yesterday"))
        .hasMessageContaining("--from must be an ISO date");
    assertThatThrownBy(() -> Options.parse("--from=2026-06-02", "--to=2026-06-01"))
        .hasMessageContaining("--from must not be after --to");
    assertThatThrownBy(() -> Options.parse("--join-window=0s")).hasMessageContaining("positive");
    assertThatThrownBy(() -> Options.parse("--to")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> Options.parse("--source=partner"))
        .hasMessageContaining("--source must be hosted or connect");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        AnalyticsConsumer.run(
            new String[] {"--format=xml"}, new PrintStream(out), new PrintStream(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--format must be table or json");
    assertThat(out.size()).isZero();
  }

  @Test
  void theTableHasALinePerCounterAndTheTotals() {
    LocalDate day = LocalDate.parse("2026-06-01");
    Map<Key, Long> counters = new TreeMap<>(java.util.Comparator.comparing(Key::toString));
    counters.put(new Key(day, "iOS/Safari", Step.PASSWORD_LOGIN, null), 4L);
    counters.put(new Key(day, "iOS/Safari", Step.ELIGIBLE, "CONDITIONAL"), 3L);
    counters.put(new Key(day.plusDays(1), "Windows/Edge", Step.ELIGIBLE, "CONDITIONAL"), 2L);
    counters.put(new Key(day.plusDays(5), "Windows/Edge", Step.PASSWORD_LOGIN, null), 9L);
    counters.put(
        new Key(day, "Android/Chrome", Step.SKIPPED, "SECOND_FACTOR_MISSING", "CONNECT"), 7L);

    String table = AnalyticsConsumer.table(day, day.plusDays(1), counters, null);

    assertThat(table)
        .contains("2026-06-01  iOS/Safari")
        .containsPattern("iOS/Safari\\s+HOSTED\\s+password_login\\s+4")
        .containsPattern("Windows/Edge\\s+HOSTED\\s+eligible\\s+CONDITIONAL\\s+2")
        .containsPattern("Android/Chrome\\s+CONNECT\\s+skipped\\s+SECOND_FACTOR_MISSING\\s+7")
        .containsPattern("\\n\\s+eligible\\s+CONDITIONAL\\s+5\\n")
        .doesNotContain("2026-06-06");

    String connect = AnalyticsConsumer.table(day, day.plusDays(1), counters, "CONNECT");
    assertThat(connect)
        .contains("CONNECT logins only")
        .contains("Android/Chrome")
        .doesNotContain("iOS/Safari")
        .containsPattern("\\n\\s+skipped\\s+SECOND_FACTOR_MISSING\\s+7\\n");
  }
}
