package dev.passbridge.intelligence.settings;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.contracts.events.RulesChanged;
import dev.passbridge.intelligence.IntelligenceJson;
import dev.passbridge.intelligence.rules.RulesConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One change of the rules, whoever makes it (an admin's {@code PUT}/{@code DELETE}, the automatic
 * brake): the snapshot to store on the rules topic and its audit event ({@link RulesChanged}), both
 * built from the same before and after, so the trail and the rules cannot disagree.
 *
 * @param snapshot the rules in force after the change
 * @param event the audit event
 */
public record RulesChange(RulesSnapshot snapshot, RulesChanged event) {

  private static final int MAX_LINE = 300;

  /**
   * The change from {@code before} to {@code rules}.
   *
   * @param userId the admin, or {@link RulesChanged#AUTOMATIC}
   * @param changedBy the admin's user id as text, or {@code automatic-brake}
   * @param kind one of the {@link RulesChanged} kinds
   * @param configuration whether {@code rules} are the configuration file's (a reset)
   */
  public static RulesChange of(
      RulesSnapshot before,
      RulesConfig rules,
      boolean configuration,
      UUID userId,
      String changedBy,
      String kind,
      @Nullable String reason,
      Instant at) {
    long version = before.version() + 1;
    List<String> changes = differences(before.rules(), rules);
    RulesSnapshot.ChangeEntry entry =
        new RulesSnapshot.ChangeEntry(version, at, changedBy, kind, reason, changes);
    RulesSnapshot after =
        new RulesSnapshot(
            version, at, changedBy, reason, configuration, rules, before.recentWith(entry));
    UUID eventId =
        UUID.nameUUIDFromBytes(
            ("rules-changed:" + version + ":" + at).getBytes(StandardCharsets.UTF_8));
    RulesChanged event =
        new RulesChanged(
            eventId,
            at,
            userId,
            changedBy,
            kind,
            version,
            before.version(),
            reason,
            changes,
            json(before.rules()),
            json(rules));
    return new RulesChange(after, event);
  }

  /**
   * Whether storing {@code rules} on top of {@code before} would change anything: a setting, or
   * whether the rules follow the configuration file. A save of the rules as they are is no change:
   * no new version, no audit event.
   *
   * @param configuration whether {@code rules} would be the configuration file's (a reset)
   */
  public static boolean changesAnything(
      RulesSnapshot before, RulesConfig rules, boolean configuration) {
    return Boolean.TRUE.equals(before.configuration()) != configuration
        || !differences(before.rules(), rules).isEmpty();
  }

  private static String json(RulesConfig rules) {
    return IntelligenceJson.MAPPER.writeValueAsString(rules);
  }

  /**
   * One line per setting that differs, e.g. {@code rolloutPercent: 100 -> 50}; the per-platform
   * rollouts line by platform ({@code platformRollouts[Android/Chrome]: {...} -> {...}}).
   */
  static List<String> differences(RulesConfig before, RulesConfig after) {
    JsonNode a = IntelligenceJson.MAPPER.valueToTree(before);
    JsonNode b = IntelligenceJson.MAPPER.valueToTree(after);
    List<String> lines = new ArrayList<>();
    Set<String> fields = new LinkedHashSet<>();
    a.propertyNames().forEach(fields::add);
    b.propertyNames().forEach(fields::add);
    for (String field : fields) {
      JsonNode x = a.path(field);
      JsonNode y = b.path(field);
      if (x.equals(y)) {
        continue;
      }
      if (field.equals("platformRollouts")) {
        Map<String, JsonNode> old = byLabel(x);
        Map<String, JsonNode> now = byLabel(y);
        Set<String> labels = new LinkedHashSet<>(old.keySet());
        labels.addAll(now.keySet());
        for (String label : labels) {
          JsonNode o = old.get(label);
          JsonNode n = now.get(label);
          if (o == null || !o.equals(n)) {
            lines.add(line(field + "[" + label + "]", o, n));
          }
        }
      } else {
        lines.add(line(field, x, y));
      }
    }
    return lines;
  }

  private static Map<String, JsonNode> byLabel(JsonNode rows) {
    Map<String, JsonNode> byLabel = new LinkedHashMap<>();
    for (JsonNode row : rows) {
      byLabel.putIfAbsent(
          row.path("os").asString("") + "/" + row.path("browser").asString(""), row);
    }
    return byLabel;
  }

  private static String line(String field, @Nullable JsonNode before, @Nullable JsonNode after) {
    String text = field + ": " + text(before) + " -> " + text(after);
    return text.length() > MAX_LINE ? text.substring(0, MAX_LINE - 3) + "..." : text;
  }

  private static String text(@Nullable JsonNode node) {
    return node == null || node.isMissingNode() ? "(none)" : node.toString();
  }
}
