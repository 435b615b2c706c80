package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line's content and its pace, with the time given (no clock, no sleeping). */
class ProgressTest {
  static final long S = 1_000_000_000L;

  @Test
  void aLineSaysDoneOfTotalTheRateAndTheTimeLeft() {
    Progress p = Progress.manual("setup", 500, Duration.ofSeconds(10), System.out, () -> 0, 0);
    assertThat(p.line(120, 10 * S))
        .isEqualTo("  [setup] 120/500 (24%), 12.0/s, ETA 32 s, 10 s so far");
    assertThat(p.line(0, 10 * S)).contains("ETA unknown");
    assertThat(Progress.eta(185)).isEqualTo("3 min 5 s");
    Progress open = Progress.manual("flows", 0, Duration.ofSeconds(10), System.out, () -> 0, 0);
    assertThat(open.line(42, 2 * S)).isEqualTo("  [flows] 42, 21.0/s, 2 s so far");
  }

  @Test
  void printsAtMostOneLinePerIntervalAndNothingForShortWork() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    AtomicLong done = new AtomicLong();
    Progress p = Progress.manual("soak", 100, Duration.ofSeconds(10), out, done::get, 0);
    for (long t = 0; t < 10 * S; t += S / 2) {
      done.incrementAndGet();
      p.tick(t);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    for (long t = 10 * S; t <= 60 * S; t += S / 2) {
      done.incrementAndGet();
      p.tick(t);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines()).hasSize(6).allMatch(l -> l.startsWith("  [soak] "));
    assertThat(printed.lines().findFirst().orElseThrow()).contains("21/100 (21%)");
  }
}
