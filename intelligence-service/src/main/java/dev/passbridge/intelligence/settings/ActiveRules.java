package dev.passbridge.intelligence.settings;

import dev.passbridge.intelligence.IntelligenceJson;
import dev.passbridge.intelligence.rules.RulesConfig;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Turns the rules topic's current value into the rules in force: the configuration file's rules
 * while the topic holds nothing (or a tombstone), else the admin's latest version. Parsing is
 * cached, so the decision path pays one string comparison per decision.
 *
 * <p>The topic may hold anything (a version written before the rules were checked strictly, a
 * record written by hand): a value that does not read as rules within their ranges (the same checks
 * as {@code PUT /api/insights/rules}, see {@link RulesDocument}) is refused with one warning and
 * the last good rules stay in force, so no stored document can break the decision.
 */
public final class ActiveRules {
  private static final Logger log = LoggerFactory.getLogger(ActiveRules.class);

  /** The one key of the rules topic. */
  public static final String KEY = "active";

  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  private final RulesSnapshot configured;
  private volatile Parsed last;

  /** The last value seen (null: none or a tombstone) and what it resolved to. */
  private record Parsed(String raw, RulesSnapshot snapshot) {}

  public ActiveRules(RulesConfig configured) {
    this.configured =
        new RulesSnapshot(
            0, null, RulesSnapshot.FROM_CONFIGURATION, null, true, configured, java.util.List.of());
  }

  public RulesSnapshot configured() {
    return configured;
  }

  /**
   * @param raw the rules topic's value for {@link #KEY}, or null
   */
  public RulesSnapshot resolve(String raw) {
    Parsed parsed = last;
    if (parsed != null && Objects.equals(parsed.raw(), raw)) {
      return parsed.snapshot();
    }
    RulesSnapshot snapshot;
    if (raw == null) {
      snapshot = configured;
    } else {
      try {
        snapshot = followConfiguration(decode(raw));
      } catch (RuntimeException e) {
        snapshot = parsed != null ? parsed.snapshot() : configured;
        // written by this service after validation, so this means an older version, a bug or a
        // foreign writer; logged once per value (the result is cached like good rules)
        log.warn(
            "the rules topic holds rules that are unreadable or out of range; keeping version {}:"
                + " {}",
            snapshot.version(),
            abbreviate(e.toString()));
      }
    }
    last = new Parsed(raw, snapshot);
    return snapshot;
  }

  /** A reset stores the configuration file's rules; they follow the file, not the stored copy. */
  private RulesSnapshot followConfiguration(RulesSnapshot snapshot) {
    return snapshot.configuration()
        ? new RulesSnapshot(
            snapshot.version(),
            snapshot.changedAt(),
            snapshot.changedBy(),
            snapshot.reason(),
            true,
            configured.rules(),
            snapshot.recentChanges())
        : snapshot;
  }

  public static String encode(RulesSnapshot snapshot) {
    return IntelligenceJson.MAPPER.writeValueAsString(snapshot);
  }

  /**
   * Reads a stored snapshot (leniently: unknown fields are ignored, so a newer version's document
   * still reads) and checks its rules.
   *
   * @throws IllegalArgumentException if it has no rules object or they are out of range
   */
  public static RulesSnapshot decode(String raw) {
    JsonNode tree = IntelligenceJson.MAPPER.readTree(raw);
    if (tree == null || !tree.path("rules").isObject()) {
      throw new IllegalArgumentException("no rules object");
    }
    String nullField = RulesDocument.firstNull(tree.path("rules"), "rules.");
    if (nullField != null) {
      // this service never writes a null setting: whoever did meant something other than the
      // defaults
      throw new IllegalArgumentException(nullField + " is null");
    }
    RulesSnapshot snapshot = IntelligenceJson.MAPPER.treeToValue(tree, RulesSnapshot.class);
    Set<ConstraintViolation<RulesConfig>> violations = VALIDATOR.validate(snapshot.rules());
    Map<String, String> inconsistent = snapshot.rules().inconsistencies();
    if (!inconsistent.isEmpty()) {
      throw new IllegalArgumentException("inconsistent rules: " + inconsistent);
    }
    if (!violations.isEmpty()) {
      ConstraintViolation<RulesConfig> first = violations.iterator().next();
      throw new IllegalArgumentException(
          violations.size()
              + " rule(s) out of range, e.g. "
              + first.getPropertyPath()
              + " "
              + first.getMessage());
    }
    return snapshot;
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) : s;
  }
}
