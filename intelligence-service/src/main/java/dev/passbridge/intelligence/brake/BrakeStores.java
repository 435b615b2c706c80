package dev.passbridge.intelligence.brake;

/** The brake's store and internal topic names. */
public final class BrakeStores {
  private BrakeStores() {}

  /** {@code os/browser/major} → {@link FailureWindow} (one partition: the brake's repartition). */
  public static final String WINDOWS = "intel-brake-windows";

  /** Name of the repartition step: topic {@code <application.id>-brake-repartition}. */
  public static final String REPARTITION = "brake";
}
