package dev.passbridge.bench.load;

import dev.passbridge.bench.http.Agent;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The recordings of one phase: a {@link StepStats} per step of every scenario in it, and one per
 * scenario for the whole journey ({@code flow}).
 */
public final class PhaseStats {
  private final Map<String, StepStats> steps = new LinkedHashMap<>();
  private final Map<String, StepStats> flows = new LinkedHashMap<>();

  public PhaseStats(List<Scenario> scenarios) {
    for (Scenario s : scenarios) {
      flows.put(s.name(), new StepStats(s.name()));
      for (String step : s.steps()) {
        steps.putIfAbsent(step, new StepStats(step));
      }
    }
  }

  /** Adds a slice's recordings (of the same scenarios) to these. */
  public void add(PhaseStats slice) {
    slice.flows.forEach((k, v) -> flows.get(k).add(v));
    slice.steps.forEach((k, v) -> steps.get(k).add(v));
  }

  public StepStats step(String name) {
    StepStats s = steps.get(name);
    if (s == null) {
      throw new IllegalArgumentException("undeclared step " + name);
    }
    return s;
  }

  public StepStats flow(String scenario) {
    return flows.get(scenario);
  }

  public Map<String, StepStats> steps() {
    return Collections.unmodifiableMap(steps);
  }

  public Map<String, StepStats> flows() {
    return Collections.unmodifiableMap(flows);
  }

  /** Each scenario's journeys summed up over a phase of {@code seconds}. */
  public Map<String, Summary> flowSummaries(double seconds) {
    return summaries(flows, seconds);
  }

  /** Each step's requests summed up over a phase of {@code seconds}. */
  public Map<String, Summary> stepSummaries(double seconds) {
    return summaries(steps, seconds);
  }

  private static Map<String, Summary> summaries(Map<String, StepStats> stats, double seconds) {
    Map<String, Summary> summaries = new LinkedHashMap<>();
    stats.forEach((k, v) -> summaries.put(k, Summary.of(v, seconds)));
    return summaries;
  }

  /**
   * Times one request of a step; any other status than {@code expected} fails the step (counted by
   * status and problem code) and ends the iteration.
   */
  public Agent.Reply call(String step, int expected, Supplier<Agent.Reply> request) {
    StepStats stats = step(step);
    long t0 = System.nanoTime();
    Agent.Reply reply;
    try {
      reply = request.get();
    } catch (UncheckedIOException e) {
      String kind = "I/O " + e.getCause().getClass().getSimpleName();
      stats.failure(kind);
      throw new StepFailed(step, kind, e.getMessage());
    }
    long nanos = System.nanoTime() - t0;
    if (reply.status() != expected) {
      String code = reply.text("code");
      String kind = reply.status() + (code == null ? "" : " " + code);
      stats.failure(kind);
      throw new StepFailed(step, kind, reply.toString());
    }
    stats.success(nanos);
    return reply;
  }
}
