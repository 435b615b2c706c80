package dev.passbridge.intelligence.settings;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.intelligence.rules.RulesConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * The rules in force and where they came from.
 *
 * @param version 0 for the configuration file's rules; each admin change adds one
 * @param updatedAt when an admin changed them (absent for the configuration file's)
 * @param updatedBy the admin's user id, or {@code configuration}
 */
public record RulesSnapshot(
    long version, @Nullable Instant updatedAt, String updatedBy, RulesConfig rules) {

  public static final String FROM_CONFIGURATION = "configuration";

  public RulesSnapshot {
    Objects.requireNonNull(updatedBy, "updatedBy");
    rules = rules == null ? RulesConfig.defaults() : rules;
  }
}
