package dev.passbridge.platform.web;

import dev.passbridge.platform.core.problem.ProblemMetric;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts problem answers ({@link ProblemMetric}) in one service's registry. */
public final class ProblemCounter {
  private final MeterRegistry meters;

  public ProblemCounter(MeterRegistry meters) {
    this.meters = meters;
  }

  /** Counts nothing: for filters built without a registry (unit tests). */
  public static ProblemCounter none() {
    return new ProblemCounter(null);
  }

  public void count(int status, Object code) {
    if (meters == null) {
      return;
    }
    Counter.builder(ProblemMetric.NAME)
        .description(ProblemMetric.DESCRIPTION)
        .tag(ProblemMetric.CODE, code == null ? "none" : code.toString())
        .tag(ProblemMetric.STATUS, Integer.toString(status))
        .register(meters)
        .increment();
  }
}
