package dev.passbridge.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One phase measured in slices with other load between them. Two systems on one machine are
 * compared by alternating their slices (A B B A), so that a host that gets faster or slower during
 * the comparison, as shared hosts do over minutes, weighs on both alike; measured one after the
 * other, each would carry the host's state of its own minutes. The result is one phase: the
 * journeys and latencies of all slices together (their histograms added), CPU and machine load
 * weighted by each slice's length, the largest RSS.
 */
public final class SlicedPhase {
  private final LoadRunner runner;
  private final Phase whole;
  private final PhaseStats total;
  private final List<PhaseResult> slices = new ArrayList<>();

  public SlicedPhase(LoadRunner runner, Phase whole) {
    this.runner = runner;
    this.whole = whole;
    this.total = new PhaseStats(new ArrayList<>(whole.mix().keySet()));
  }

  public Phase whole() {
    return whole;
  }

  /** Runs the next slice, {@code length} long, and returns its own result. */
  public PhaseResult slice(Duration length) throws InterruptedException {
    int n = slices.size() + 1;
    PhaseResult r =
        runner.run(
            new Phase(
                whole.name() + "-" + n,
                whole.title() + ", slice " + n,
                whole.mix(),
                whole.concurrency(),
                length,
                whole.ratePerSecond()),
            total);
    slices.add(r);
    return r;
  }

  /** All slices as one phase. */
  public PhaseResult result() {
    return combine(whole, slices, total);
  }

  static PhaseResult combine(Phase whole, List<PhaseResult> slices, PhaseStats total) {
    if (slices.isEmpty()) {
      throw new IllegalStateException(whole.name() + ": no slice was run");
    }
    double seconds = slices.stream().mapToDouble(PhaseResult::seconds).sum();
    Map<String, Double> threads = new LinkedHashMap<>();
    for (String group : slices.getFirst().resources().threadCores().keySet()) {
      if (slices.stream().allMatch(s -> s.resources().threadCores().containsKey(group))) {
        threads.put(group, weighted(slices, r -> r.cores(group)));
      }
    }
    long rssMax = slices.stream().mapToLong(s -> s.resources().rssMaxBytes()).max().orElse(-1);
    double rssMean = weighted(slices, r -> r.rssMeanBytes());
    return new PhaseResult(
        whole.name(),
        whole.title(),
        slices.size() == 1
            ? whole.mode()
            : whole.mode() + ", in %d slices".formatted(slices.size()),
        seconds,
        total.flowSummaries(seconds),
        total.stepSummaries(seconds),
        new PhaseResult.Resources(
            slices.getFirst().resources().loadAverageStart(),
            slices.getLast().resources().loadAverageEnd(),
            weighted(slices, PhaseResult.Resources::systemCores),
            weighted(slices, PhaseResult.Resources::generatorCores),
            weighted(slices, PhaseResult.Resources::machineCores),
            rssMax,
            rssMean < 0 ? -1 : Math.round(rssMean),
            threads));
  }

  /** The slices' values weighted by their length; -1 if any slice did not measure it. */
  private static double weighted(
      List<PhaseResult> slices, ToDoubleFunction<PhaseResult.Resources> value) {
    double sum = 0;
    double seconds = 0;
    for (PhaseResult s : slices) {
      double v = value.applyAsDouble(s.resources());
      if (v < 0) {
        return -1;
      }
      sum += v * s.seconds();
      seconds += s.seconds();
    }
    return sum / seconds;
  }
}
