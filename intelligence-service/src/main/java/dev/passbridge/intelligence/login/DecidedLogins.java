package dev.passbridge.intelligence.login;

import dev.passbridge.contracts.events.Nullable;

/**
 * The logins already decided ({@code intel-decided}), for the steps after the join: the decision
 * marks a login, the profile projection looks up the platform of a login for feedback events that
 * carry none. A mark is forgotten after the decided-login retention (swept by the join).
 */
public interface DecidedLogins {

  boolean isDecided(String loginId);

  /** The platform of a decided login, or null. */
  @Nullable
  String platformOf(@Nullable String loginId);

  /** Remembers the decision of a login until {@code decidedAt} + retention. */
  void mark(String loginId, String outcome, String platformLabel, long decidedAt);
}
