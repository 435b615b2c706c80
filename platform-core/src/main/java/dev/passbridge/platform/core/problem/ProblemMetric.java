package dev.passbridge.platform.core.problem;

/**
 * The one metric of problem answers every service and the gateway export: a counter {@value #NAME}
 * (Prometheus {@code passbridge_problems_total}) tagged {@value #CODE} (the stable problem code)
 * and {@value #STATUS}. Each process counts the problems it writes itself; the gateway does not
 * count the services' problems it passes on. The dashboard's "error rates by problem type" reads
 * it.
 */
public final class ProblemMetric {
  private ProblemMetric() {}

  public static final String NAME = "passbridge.problems";
  public static final String DESCRIPTION = "Problem (RFC 9457) answers written, by code and status";
  public static final String CODE = "code";
  public static final String STATUS = "status";
}
