package dev.passbridge.reliability.support;

import dev.passbridge.system.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A running load of flows: {@code users} simulated browsers, each starting a new {@link Flow}
 * whenever its last one ended, until {@link #stop()}; then every flow in progress runs to its end.
 */
public final class Load {
  private final List<Flow.Outcome> outcomes = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  private final long startedAt = System.nanoTime();

  private Load(int users, java.util.function.Supplier<Flow> flows) {
    for (int i = 0; i < users; i++) {
      threads.add(
          Thread.ofPlatform()
              .name("load-" + i)
              .daemon()
              .start(
                  () -> {
                    while (running) {
                      outcomes.add(flows.get().run());
                    }
                  }));
    }
  }

  public static Load start(int users, java.util.function.Supplier<Flow> flows) {
    return new Load(users, flows);
  }

  /** Flows that ended so far. */
  public int ended() {
    return outcomes.size();
  }

  /**
   * Waits until at least {@code n} flows ended (or the timeout passed), with a progress line every
   * 10 s while it lasts (the soak's loads run for minutes).
   */
  public void awaitEnded(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Progress progress = Progress.watch("flows ended", n, System.out, outcomes::size)) {
      while (outcomes.size() < n && System.nanoTime() < deadline) {
        Flow.sleep(50);
      }
    }
  }

  /** No new flows; waits for those in progress to end. */
  public List<Flow.Outcome> stop() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(TimeUnit.MINUTES.toMillis(3));
    }
    return List.copyOf(outcomes);
  }

  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startedAt);
  }

  public static long count(List<Flow.Outcome> outcomes, Flow.Result result) {
    return outcomes.stream().filter(o -> o.result() == result).count();
  }

  /** "12 COMPLETED, 1 UNCLEAR at verify: 500 ..." for assertion messages. */
  public static String describe(List<Flow.Outcome> outcomes) {
    Map<Flow.Result, Long> byResult =
        outcomes.stream()
            .collect(Collectors.groupingBy(Flow.Outcome::result, Collectors.counting()));
    StringBuilder s = new StringBuilder(byResult.toString());
    outcomes.stream()
        .filter(o -> o.result() != Flow.Result.COMPLETED)
        .limit(10)
        .forEach(
            o ->
                s.append("\n  ")
                    .append(o.result())
                    .append(" at ")
                    .append(o.step())
                    .append(": ")
                    .append(o.detail()));
    return s.toString();
  }

  /** A fault row of the report from the flows that ran while it happened. */
  public static void report(
      String fault, String how, int injected, List<Flow.Outcome> outcomes, String recovery) {
    Report.fault(
        new Report.Fault(
            fault,
            how,
            injected,
            outcomes.size(),
            count(outcomes, Flow.Result.COMPLETED),
            count(outcomes, Flow.Result.RETRYABLE),
            count(outcomes, Flow.Result.UNCLEAR),
            recovery));
  }

  /** Total retries and restarts of the flows, for the report. */
  public static String effort(List<Flow.Outcome> outcomes) {
    return outcomes.stream().mapToInt(Flow.Outcome::retries).sum()
        + " retried answers, "
        + outcomes.stream().mapToInt(Flow.Outcome::restarts).sum()
        + " logins started again";
  }
}
