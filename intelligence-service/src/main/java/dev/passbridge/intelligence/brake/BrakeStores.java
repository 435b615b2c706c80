package dev.passbridge.intelligence.brake;

/** The brake's store and internal topic names. */
public final class BrakeStores {
  private BrakeStores() {}

  /** {@code os/browser/major} → {@link FailureWindow} (one partition: the brake's repartition). */
  public static final String WINDOWS = "intel-brake-windows";

  /**
   * {@code user os/browser/major} → whether that user's attempt (and failure) counted in the
   * current window: a window store kept for {@code brake.window}, partitioned by user like the
   * topology's inputs.
   */
  public static final String COUNTED = "intel-brake-counted";

  /** Name of the repartition step: topic {@code <application.id>-brake-repartition}. */
  public static final String REPARTITION = "brake";
}
