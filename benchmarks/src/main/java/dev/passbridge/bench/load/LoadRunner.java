package dev.passbridge.bench.load;

import dev.passbridge.bench.probe.ProcStats;
import dev.passbridge.bench.probe.ThreadCpu;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Runs a {@link Phase}: virtual users (virtual threads, one keep-alive connection each) journey
 * through the scenarios of the mix, every request is timed, and a progress line is printed every
 * second ({@code \r}-refreshed on a terminal, one line every 5 s otherwise).
 */
public final class LoadRunner {
  private static final int FAILURE_LOG_LIMIT = 5;

  /**
   * Virtual users an open-loop phase prepares before its clock starts; one it needs beyond them
   * (more journeys in flight) prepares in its first journey, whose latency then includes it.
   */
  private static final int OPEN_LOOP_PREPARED = 8;

  private final UserPool users;
  private final Supplier<VirtualUser> virtualUsers;
  private final long systemPid;
  private final PrintStream out;
  private final boolean terminal = System.console() != null;
  private final AtomicInteger failuresLogged = new AtomicInteger();

  public LoadRunner(
      UserPool users, Supplier<VirtualUser> virtualUsers, long systemPid, PrintStream out) {
    this.users = users;
    this.virtualUsers = virtualUsers;
    this.systemPid = systemPid;
    this.out = out;
  }

  public PhaseResult run(Phase phase) throws InterruptedException {
    return run(phase, null);
  }

  /**
   * Runs a phase; its recordings are also added to {@code accumulate} when not null (a slice of a
   * {@link SlicedPhase}).
   */
  PhaseResult run(Phase phase, PhaseStats accumulate) throws InterruptedException {
    List<Scenario> scenarios = new ArrayList<>(phase.mix().keySet());
    for (Scenario s : scenarios) {
      if (s.userKind() != null && users.size(s.userKind()) == 0) {
        throw new IllegalStateException(phase.name() + ": no " + s.userKind() + " users");
      }
    }
    PhaseStats stats = new PhaseStats(scenarios);
    int totalWeight = phase.mix().values().stream().mapToInt(Integer::intValue).sum();
    failuresLogged.set(0);
    List<VirtualUser> prepared =
        prepared(
            phase.openLoop()
                ? Math.min(phase.concurrency(), OPEN_LOOP_PREPARED)
                : phase.concurrency(),
            scenarios);
    double loadStart = ProcStats.loadAverage();
    var cpuStart = ProcStats.CpuSample.take(systemPid);
    var threadsStart = ThreadCpu.sample(systemPid);
    long start = System.nanoTime();
    long end = start + phase.duration().toNanos();
    Progress progress = new Progress(phase, stats, start, end);
    Thread ticker = Thread.ofPlatform().daemon().name("bench-progress").start(progress);
    try {
      if (phase.openLoop()) {
        openLoop(phase, scenarios, stats, start, end, totalWeight, prepared);
      } else {
        closedLoop(phase, scenarios, stats, end, totalWeight, prepared);
      }
    } finally {
      progress.stop();
      ticker.join();
    }
    var cpuEnd = ProcStats.CpuSample.take(systemPid);
    var threadsEnd = ThreadCpu.sample(systemPid);
    if (accumulate != null) {
      accumulate.add(stats);
    }
    double seconds = phase.duration().toNanos() / 1e9;
    return new PhaseResult(
        phase.name(),
        phase.title(),
        phase.mode(),
        seconds,
        stats.flowSummaries(seconds),
        stats.stepSummaries(seconds),
        new PhaseResult.Resources(
            loadStart,
            ProcStats.loadAverage(),
            cpuStart.sutCores(cpuEnd),
            cpuStart.generatorCores(cpuEnd),
            cpuStart.machineCores(cpuEnd),
            progress.rssMax,
            progress.rssCount == 0 ? -1 : progress.rssSum / progress.rssCount,
            ThreadCpu.cores(threadsStart, threadsEnd, cpuEnd.wallNanos() - cpuStart.wallNanos())));
  }

  /**
   * {@code n} virtual users, each prepared for every scenario of the phase ({@link
   * Scenario#prepare}), in parallel and before the clock starts. A preparation that fails is logged
   * and left to the journey (a scenario that needs it prepares again there).
   */
  private List<VirtualUser> prepared(int n, List<Scenario> scenarios) throws InterruptedException {
    List<VirtualUser> vus = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      VirtualUser vu = virtualUsers.get();
      vus.add(vu);
      threads.add(
          Thread.ofVirtual()
              .name("prepare-" + i)
              .start(
                  () -> {
                    for (Scenario s : scenarios) {
                      prepare(s, vu);
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join(120_000);
    }
    return vus;
  }

  private void prepare(Scenario s, VirtualUser vu) {
    BenchUser user = null;
    try {
      if (s.userKind() != null) {
        user = users.lease(s.userKind());
      }
      s.prepare(vu, user);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      logFailure("preparing " + s.name() + ": " + e);
    } finally {
      if (user != null) {
        users.release(user);
      }
    }
  }

  private void closedLoop(
      Phase phase,
      List<Scenario> scenarios,
      PhaseStats stats,
      long end,
      int totalWeight,
      List<VirtualUser> prepared)
      throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < phase.concurrency(); i++) {
      VirtualUser mine = prepared.get(i);
      threads.add(
          Thread.ofVirtual()
              .name("vu-" + i)
              .start(
                  () -> {
                    try (VirtualUser vu = mine) {
                      while (System.nanoTime() < end) {
                        Scenario s =
                            pick(phase, scenarios, totalWeight, vu.random().nextInt(totalWeight));
                        iteration(s, vu, stats, System.nanoTime(), end);
                      }
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join(120_000);
    }
  }

  private void openLoop(
      Phase phase,
      List<Scenario> scenarios,
      PhaseStats stats,
      long start,
      long end,
      int totalWeight,
      List<VirtualUser> prepared)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(phase.concurrency());
    ConcurrentLinkedQueue<VirtualUser> idle = new ConcurrentLinkedQueue<>(prepared);
    double intervalNanos = 1e9 / phase.ratePerSecond();
    for (long k = 0; ; k++) {
      long planned = start + (long) (k * intervalNanos);
      if (planned >= end) {
        break;
      }
      long wait;
      while ((wait = planned - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquire();
      Scenario s =
          pick(phase, scenarios, totalWeight, ThreadLocalRandom.current().nextInt(totalWeight));
      Thread.ofVirtual()
          .start(
              () -> {
                VirtualUser vu = idle.poll();
                if (vu == null) {
                  vu = virtualUsers.get();
                }
                try {
                  iteration(s, vu, stats, planned, end);
                } finally {
                  idle.add(vu);
                  inFlight.release();
                }
              });
    }
    if (!inFlight.tryAcquire(phase.concurrency(), 120, TimeUnit.SECONDS)) {
      out.println("  (journeys still in flight after 120 s)");
    }
    idle.forEach(VirtualUser::close);
  }

  private static Scenario pick(Phase phase, List<Scenario> scenarios, int totalWeight, int r) {
    if (scenarios.size() == 1) {
      return scenarios.getFirst();
    }
    for (Scenario s : scenarios) {
      r -= phase.mix().get(s);
      if (r < 0) {
        return s;
      }
    }
    return scenarios.getLast();
  }

  /**
   * One journey; its latency counts from {@code planned} (the open loop's schedule, or now). A
   * journey that ends after the phase is not counted in its throughput.
   */
  private void iteration(Scenario s, VirtualUser vu, PhaseStats stats, long planned, long end) {
    StepStats flow = stats.flow(s.name());
    BenchUser user = null;
    try {
      if (s.userKind() != null) {
        user = users.lease(s.userKind());
      }
      s.iteration(vu, user, stats);
      long done = System.nanoTime();
      if (done <= end) {
        flow.success(done - planned);
      }
    } catch (StepFailed f) {
      flow.failure(f.step() + " " + f.kind());
      logFailure(f.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      flow.failure("exception " + e.getClass().getSimpleName());
      logFailure(e.toString());
    } finally {
      if (user != null) {
        users.release(user);
      }
    }
  }

  private void logFailure(String message) {
    if (failuresLogged.incrementAndGet() <= FAILURE_LOG_LIMIT) {
      out.println("\n  failed journey: " + message);
    }
  }

  /** The live progress line, and the RSS samples. */
  private final class Progress implements Runnable {
    private final Phase phase;
    private final PhaseStats stats;
    private final long start;
    private final long end;
    private volatile boolean running = true;
    long rssMax = -1;
    long rssSum;
    long rssCount;
    private long lastPrinted;

    Progress(Phase phase, PhaseStats stats, long start, long end) {
      this.phase = phase;
      this.stats = stats;
      this.start = start;
      this.end = end;
    }

    void stop() {
      running = false;
    }

    @Override
    public void run() {
      long next = start + 1_000_000_000L;
      Histogram window = new Histogram(StepStats.MAX_MICROS, 2);
      long windowStart = start;
      while (running) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
          continue;
        }
        next += 1_000_000_000L;
        long rss = ProcStats.rssBytes(systemPid);
        if (rss > 0) {
          rssMax = Math.max(rssMax, rss);
          rssSum += rss;
          rssCount++;
        }
        for (StepStats f : stats.flows().values()) {
          window.add(f.drainInterval());
        }
        long now = System.nanoTime();
        boolean print = terminal || now - lastPrinted >= 5_000_000_000L || now >= end;
        if (print && now - windowStart > 0) {
          double secs = (now - windowStart) / 1e9;
          long ok = stats.flows().values().stream().mapToLong(StepStats::ok).sum();
          long failed = stats.flows().values().stream().mapToLong(StepStats::failed).sum();
          String line =
              "  [%s] %3.0f/%.0f s | %6.1f journeys/s | ok %d failed %d | p50 %.0f ms p99 %.0f ms | RSS %d MB | load %.1f"
                  .formatted(
                      phase.name(),
                      Math.min((now - start) / 1e9, (end - start) / 1e9),
                      (end - start) / 1e9,
                      window.getTotalCount() / secs,
                      ok,
                      failed,
                      window.getValueAtPercentile(50) / 1000.0,
                      window.getValueAtPercentile(99) / 1000.0,
                      rss / (1024 * 1024),
                      ProcStats.loadAverage());
          if (terminal) {
            out.print("\r" + line);
          } else {
            out.println(line);
          }
          out.flush();
          window.reset();
          windowStart = now;
          lastPrinted = now;
        }
      }
      if (terminal) {
        out.println();
      }
    }
  }
}
