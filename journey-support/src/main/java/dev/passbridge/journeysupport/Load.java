package dev.passbridge.journeysupport;

import dev.passbridge.system.Journeys;
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

  /** {start, end} ({@link System#nanoTime()}) of each completed flow. */
  private final List<long[]> completed = new CopyOnWriteArrayList<>();

  private Load(int users, java.util.function.Supplier<Flow> flows) {
    for (int i = 0; i < users; i++) {
      threads.add(
          Thread.ofPlatform()
              .name("load-" + i)
              .daemon()
              .start(
                  () -> {
                    while (running) {
                      long start = System.nanoTime();
                      Flow.Outcome outcome = flows.get().run();
                      if (outcome.result() == Flow.Result.COMPLETED) {
                        completed.add(new long[] {start, System.nanoTime()});
                      }
                      outcomes.add(outcome);
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
   * When ({@link System#nanoTime()}) the first flow that <em>started</em> after {@code t}
   * completed, or -1: the time a whole new journey took to succeed after a fault.
   */
  public long firstCompletedStartedAfter(long t) {
    return completed.stream().filter(c -> c[0] > t).mapToLong(c -> c[1]).min().orElse(-1);
  }

  /**
   * Waits until at least {@code n} flows ended (or the timeout passed), with a progress line every
   * 10 s while it lasts (the soak's loads run for minutes).
   */
  public void awaitEnded(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Progress progress = Progress.watch("flows ended", n, System.out, outcomes::size)) {
      while (outcomes.size() < n && System.nanoTime() < deadline) {
        Journeys.sleep(50);
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

  /** Total retries and restarts of the flows, for the report. */
  public static String effort(List<Flow.Outcome> outcomes) {
    return outcomes.stream().mapToInt(Flow.Outcome::retries).sum()
        + " retried answers, "
        + outcomes.stream().mapToInt(Flow.Outcome::restarts).sum()
        + " logins started again";
  }
}
