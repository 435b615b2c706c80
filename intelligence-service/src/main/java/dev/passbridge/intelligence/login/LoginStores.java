package dev.passbridge.intelligence.login;

/**
 * The names of the login's state stores (they are part of the changelog topics' names: keep them).
 */
public final class LoginStores {
  private LoginStores() {}

  /** loginId → the half of a login that arrived first (password or second factor). */
  public static final String PENDING = "intel-pending";

  /** loginId → the decision already made (exactly one decision per login). */
  public static final String DECIDED = "intel-decided";

  /** Deadline-ordered index of pending logins and decided marks, swept by punctuation. */
  public static final String TIMERS = "intel-timers";
}
