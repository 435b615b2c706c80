package dev.passbridge.intelligence.settings;

import dev.passbridge.intelligence.IntelligenceJson;
import dev.passbridge.intelligence.rules.RulesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the rules topic's current value into the rules in force: the configuration file's rules
 * while the topic holds nothing (or a tombstone), else the admin's latest version. Parsing is
 * cached, so the decision path pays one string comparison per decision.
 */
public final class ActiveRules {
  private static final Logger log = LoggerFactory.getLogger(ActiveRules.class);

  /** The one key of the rules topic. */
  public static final String KEY = "active";

  private final RulesSnapshot configured;
  private volatile Parsed last;

  private record Parsed(String raw, RulesSnapshot snapshot) {}

  public ActiveRules(RulesConfig configured) {
    this.configured = new RulesSnapshot(0, null, RulesSnapshot.FROM_CONFIGURATION, configured);
  }

  public RulesSnapshot configured() {
    return configured;
  }

  /**
   * @param raw the rules topic's value for {@link #KEY}, or null
   */
  public RulesSnapshot resolve(String raw) {
    if (raw == null) {
      return configured;
    }
    Parsed parsed = last;
    if (parsed != null && parsed.raw().equals(raw)) {
      return parsed.snapshot();
    }
    try {
      RulesSnapshot snapshot = decode(raw);
      last = new Parsed(raw, snapshot);
      return snapshot;
    } catch (RuntimeException e) {
      // written by this service after validation, so this means a bug or a foreign writer
      log.error(
          "the rules topic holds unreadable rules; keeping the previous ones: {}", e.toString());
      return parsed != null ? parsed.snapshot() : configured;
    }
  }

  public static String encode(RulesSnapshot snapshot) {
    return IntelligenceJson.MAPPER.writeValueAsString(snapshot);
  }

  public static RulesSnapshot decode(String raw) {
    return IntelligenceJson.MAPPER.readValue(raw, RulesSnapshot.class);
  }
}
