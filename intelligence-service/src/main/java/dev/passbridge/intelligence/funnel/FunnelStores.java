package dev.passbridge.intelligence.funnel;

/** The funnel's state stores (names are part of internal topics' names: keep them). */
public final class FunnelStores {
  private FunnelStores() {}

  /**
   * day|platform|step|detail → steps counted since the last flush, per partition of the topology's
   * inputs (keyed by user): what is sent to the repartition topic as one increment per counter.
   */
  public static final String PENDING = "intel-funnel-pending";

  /** day|platform|step → count, per partition of the repartitioned funnel increments. */
  public static final String COUNTS = "intel-funnel-counts";

  /** Global (every instance): the funnel counts, from the funnel topic. */
  public static final String GLOBAL = "intel-funnel-global";
}
