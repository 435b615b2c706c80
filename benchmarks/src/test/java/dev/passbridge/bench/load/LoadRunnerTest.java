package dev.passbridge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

  /** A journey of one step that takes {@code millis} and fails every {@code failEvery}-th time. */
  static class Sleeper implements Scenario {
    final AtomicInteger calls = new AtomicInteger();
    final long millis;
    final int failEvery;

    Sleeper(long millis, int failEvery) {
      this.millis = millis;
      this.failEvery = failEvery;
    }

    @Override
    public String name() {
      return "sleep";
    }

    @Override
    public List<String> steps() {
      return List.of("sleep.step");
    }

    @Override
    public BenchUser.Kind userKind() {
      return null;
    }

    @Override
    public void iteration(VirtualUser vu, BenchUser user, PhaseStats stats) {
      int n = calls.incrementAndGet();
      long t0 = System.nanoTime();
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failEvery > 0 && n % failEvery == 0) {
        stats.step("sleep.step").failure("500 boom");
        throw new StepFailed("sleep.step", "500 boom", "test");
      }
      stats.step("sleep.step").success(System.nanoTime() - t0);
    }
  }

  private final PrintStream out = new PrintStream(new ByteArrayOutputStream());

  private LoadRunner runner() {
    return new LoadRunner(
        new UserPool(),
        () -> new VirtualUser("http://localhost:1", s -> "http://localhost:2", 1000, 1),
        ProcessHandle.current().pid(),
        out);
  }

  @Test
  void closedLoopKeepsEachVirtualUserBusyAndCountsFailuresByKind() throws Exception {
    Sleeper sleeper = new Sleeper(20, 10);
    PhaseResult r = runner().run(Phase.closed("c", "closed", sleeper, 4, Duration.ofSeconds(1)));

    Summary flow = r.flow("sleep");
    // 4 users × ~50 journeys of 20 ms; a loaded machine sleeps longer
    assertThat(flow.ok() + flow.failed()).isBetween(60L, 210L);
    assertThat(flow.failed()).isPositive();
    assertThat(flow.failures()).containsOnlyKeys("sleep.step 500 boom");
    assertThat(flow.p50()).isGreaterThanOrEqualTo(20.0);
    // journeys still running at the end count for their steps, not for the journey throughput
    assertThat(r.steps().get("sleep.step").ok()).isBetween(flow.ok(), flow.ok() + 4);
    assertThat(r.mode()).isEqualTo("closed loop, 4 virtual users");
  }

  @Test
  void openLoopStartsJourneysAtTheRateWhateverTheirLatency() throws Exception {
    Sleeper sleeper = new Sleeper(100, 0);
    PhaseResult r = runner().run(Phase.open("o", "open", sleeper, 40, 64, Duration.ofSeconds(2)));

    // 80 planned starts; the last few end after the phase and are not counted
    assertThat(sleeper.calls.get()).isBetween(76, 80);
    assertThat(r.flow("sleep").perSecond()).isCloseTo(40, within(6.0));
    assertThat(r.flow("sleep").p50()).isGreaterThanOrEqualTo(100.0);
  }

  @Test
  void openLoopChargesTheWaitForAFreeSlotToTheJourney() throws Exception {
    // one journey in flight at a time, each 100 ms, planned every 50 ms: the queue grows
    Sleeper sleeper = new Sleeper(100, 0);
    PhaseResult r = runner().run(Phase.open("o", "open", sleeper, 20, 1, Duration.ofSeconds(1)));

    Summary flow = r.flow("sleep");
    assertThat(flow.max()).as("latency from the planned start").isGreaterThan(300.0);
    assertThat(r.steps().get("sleep.step").max()).as("the step itself").isLessThan(300.0);
  }

  /** A sleeper whose virtual users first prepare for {@code prepareMillis}, once each. */
  static class PreparingSleeper extends Sleeper {
    final long prepareMillis;
    final java.util.Set<VirtualUser> preparedUsers =
        java.util.concurrent.ConcurrentHashMap.newKeySet();
    final AtomicInteger unpreparedJourneys = new AtomicInteger();

    PreparingSleeper(long millis, long prepareMillis) {
      super(millis, 0);
      this.prepareMillis = prepareMillis;
    }

    @Override
    public void prepare(VirtualUser vu, BenchUser user) {
      if (preparedUsers.contains(vu)) {
        return;
      }
      try {
        Thread.sleep(prepareMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      preparedUsers.add(vu);
    }

    @Override
    public void iteration(VirtualUser vu, BenchUser user, PhaseStats stats) {
      if (!preparedUsers.contains(vu)) {
        unpreparedJourneys.incrementAndGet();
        prepare(vu, user);
      }
      super.iteration(vu, user, stats);
    }
  }

  @Test
  void aClosedLoopsVirtualUsersPrepareBeforeTheClockStarts() throws Exception {
    // the preparation (a login, for GET /api/me) takes longer than the phase: before, no journey
    // ended within it (the smoke run's direct-max.me counted 0 on a slow machine)
    PreparingSleeper s = new PreparingSleeper(20, 1500);
    PhaseResult r = runner().run(Phase.closed("c", "closed", s, 3, Duration.ofSeconds(1)));

    assertThat(s.preparedUsers).hasSize(3);
    assertThat(s.unpreparedJourneys).hasValue(0);
    assertThat(r.flow("sleep").ok()).isGreaterThan(20);
    assertThat(r.flow("sleep").max()).as("no journey waited for a preparation").isLessThan(1500.0);
  }

  @Test
  void anOpenLoopPreparesItsFirstVirtualUsersBeforeTheClockStarts() throws Exception {
    // 20/s of 20 ms journeys, at most 8 in flight: always served by the 8 prepared users, even when
    // a loaded machine starts several late journeys at once
    PreparingSleeper s = new PreparingSleeper(20, 1500);
    PhaseResult r = runner().run(Phase.open("o", "open", s, 20, 8, Duration.ofSeconds(1)));

    assertThat(s.unpreparedJourneys).hasValue(0);
    assertThat(r.flow("sleep").ok()).isGreaterThanOrEqualTo(15);
    assertThat(r.flow("sleep").max()).isLessThan(1500.0);
  }

  @Test
  void aMixPicksScenariosByWeight() throws Exception {
    Sleeper a = new Sleeper(1, 0);
    Sleeper b =
        new Sleeper(1, 0) {
          @Override
          public String name() {
            return "other";
          }

          @Override
          public List<String> steps() {
            return List.of("other.step");
          }

          @Override
          public void iteration(VirtualUser vu, BenchUser user, PhaseStats stats) {
            calls.incrementAndGet();
            stats.step("other.step").success(1000);
          }
        };
    runner().run(new Phase("m", "mix", Map.of(a, 3, b, 1), 2, Duration.ofMillis(800), 0));
    double share = a.calls.get() / (double) (a.calls.get() + b.calls.get());
    assertThat(share).isCloseTo(0.75, within(0.1));
  }

  @Test
  void aSlicedPhaseAddsItsSlicesJourneysAndLatenciesAndWeighsItsResourcesByLength()
      throws Exception {
    Sleeper slow = new Sleeper(40, 0);
    SlicedPhase sliced =
        new SlicedPhase(runner(), Phase.closed("p", "peak", slow, 2, Duration.ofSeconds(1)));
    PhaseResult first = sliced.slice(Duration.ofMillis(600));
    Thread.sleep(200); // another system's slice: nothing of it may count
    PhaseResult second = sliced.slice(Duration.ofMillis(1200));

    PhaseResult all = sliced.result();
    assertThat(all.name()).isEqualTo("p");
    assertThat(first.name()).isEqualTo("p-1");
    assertThat(second.name()).isEqualTo("p-2");
    assertThat(all.seconds()).isCloseTo(1.8, within(1e-9));
    Summary flow = all.flow("sleep");
    assertThat(flow.ok()).isEqualTo(first.flow("sleep").ok() + second.flow("sleep").ok());
    assertThat(flow.perSecond()).isCloseTo(flow.ok() / 1.8, within(1e-9));
    assertThat(all.steps().get("sleep.step").ok())
        .isEqualTo(first.steps().get("sleep.step").ok() + second.steps().get("sleep.step").ok());
    assertThat(flow.p50()).isGreaterThanOrEqualTo(40.0);
    assertThat(flow.max())
        .isEqualTo(Math.max(first.flow("sleep").max(), second.flow("sleep").max()));
    double cores =
        (first.resources().systemCores() * 0.6 + second.resources().systemCores() * 1.2) / 1.8;
    assertThat(all.resources().systemCores()).isCloseTo(cores, within(1e-9));
    assertThat(all.resources().rssMaxBytes())
        .isEqualTo(Math.max(first.resources().rssMaxBytes(), second.resources().rssMaxBytes()));
    assertThat(all.mode()).isEqualTo("closed loop, 2 virtual users, in 2 slices");
  }

  @Test
  void aSlicedPhaseWithoutASliceHasNoResult() {
    SlicedPhase sliced =
        new SlicedPhase(
            runner(), Phase.closed("p", "peak", new Sleeper(1, 0), 1, Duration.ofSeconds(1)));
    assertThatThrownBy(sliced::result).isInstanceOf(IllegalStateException.class);
  }
}
