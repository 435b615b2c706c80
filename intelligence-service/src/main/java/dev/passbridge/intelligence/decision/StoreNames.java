package dev.passbridge.intelligence.decision;

/**
 * State stores of the topology. Each local store has a changelog topic {@code
 * <application.id>-<store>-changelog}, so an instance that takes over a partition restores it.
 */
public final class StoreNames {
  private StoreNames() {}

  /** loginId → the half of a login that arrived first (password or second factor). */
  public static final String PENDING = "intel-pending";

  /** loginId → the decision already made (exactly one decision per login). */
  public static final String DECIDED = "intel-decided";

  /** userId → passkey profile (passkeys, cooldowns, prompts). */
  public static final String PROFILES = "intel-profiles";

  /** Deadline-ordered index of pending logins and decided marks, swept by punctuation. */
  public static final String TIMERS = "intel-timers";

  /** day|platform|step → count, per partition of the repartitioned funnel increments. */
  public static final String FUNNEL_COUNTS = "intel-funnel-counts";

  /** Global (every instance): the funnel counts, from the funnel topic. */
  public static final String FUNNEL_GLOBAL = "intel-funnel-global";

  /** Global (every instance): the active rules, from the rules topic. */
  public static final String RULES_GLOBAL = "intel-rules-global";
}
