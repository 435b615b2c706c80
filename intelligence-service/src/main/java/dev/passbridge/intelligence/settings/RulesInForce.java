package dev.passbridge.intelligence.settings;

import dev.passbridge.intelligence.rules.RulesConfig;

/**
 * The rules in force now, as the decision's processor reads them from this instance's copy of the
 * rules topic (the configuration file's rules until an admin stores others; a bad record keeps the
 * last good rules).
 */
public interface RulesInForce {
  RulesConfig current();

  /** The rules in force with their version and history. */
  RulesSnapshot snapshot();
}
