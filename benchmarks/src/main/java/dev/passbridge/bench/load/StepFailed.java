package dev.passbridge.bench.load;

/** A step did not get the answer the flow needs: the iteration ends, counted as failed. */
public final class StepFailed extends RuntimeException {
  private final String step;
  private final String kind;

  /**
   * @param kind short, countable ({@code 503 service-busy})
   * @param detail for the log (the answer's body)
   */
  public StepFailed(String step, String kind, String detail) {
    super(step + ": " + kind + " (" + detail + ")", null, false, false);
    this.step = step;
    this.kind = kind;
  }

  public String step() {
    return step;
  }

  public String kind() {
    return kind;
  }
}
