package dev.passbridge.intelligence.settings;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.intelligence.rules.RulesConfig;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules in force and where they came from, as stored on the rules topic and shown by {@code GET
 * /api/insights/rules}.
 *
 * <p>Stored documents of earlier versions still read: {@code updatedAt}/{@code updatedBy} are read
 * as {@code changedAt}/{@code changedBy}, missing fields take their defaults (no reason, no recent
 * changes, rules that are the admin's).
 *
 * @param version 0 for the configuration file's rules at start; each change adds one
 * @param changedAt when they were changed (absent for the configuration file's)
 * @param changedBy the admin's user id, {@code automatic-brake}, or {@code configuration}
 * @param reason why (the admin's words, or the brake's measured numbers), if given
 * @param configuration true when these are the configuration file's rules (start, or an admin's
 *     reset): they follow the file, not the copy stored here
 * @param rules the rules
 * @param recentChanges the last {@value #RECENT} changes, newest first (the audit events on {@code
 *     passbridge.intelligence.rules-changed.v1} are the full trail)
 */
@Schema(
    requiredProperties = {
      "version",
      "changedAt",
      "changedBy",
      "reason",
      "configuration",
      "rules",
      "recentChanges"
    })
public record RulesSnapshot(
    long version,
    @JsonAlias("updatedAt") @Schema(nullable = true) @Nullable Instant changedAt,
    @JsonAlias("updatedBy") String changedBy,
    @Schema(nullable = true) @Nullable String reason,
    Boolean configuration,
    RulesConfig rules,
    List<ChangeEntry> recentChanges) {

  public static final String FROM_CONFIGURATION = "configuration";

  /** How many changes a snapshot remembers for the admin page. */
  public static final int RECENT = 20;

  public RulesSnapshot {
    Objects.requireNonNull(changedBy, "changedBy");
    configuration = configuration != null && configuration;
    rules = rules == null ? RulesConfig.defaults() : rules;
    recentChanges = recentChanges == null ? List.of() : List.copyOf(recentChanges);
  }

  /** An admin's rules without history (tests, and documents of earlier versions). */
  public RulesSnapshot(
      long version, @Nullable Instant changedAt, String changedBy, RulesConfig rules) {
    this(version, changedAt, changedBy, null, false, rules, List.of());
  }

  /** This snapshot's history with {@code entry} in front, at most {@value #RECENT} long. */
  public List<ChangeEntry> recentWith(ChangeEntry entry) {
    List<ChangeEntry> next = new ArrayList<>();
    next.add(entry);
    next.addAll(recentChanges);
    return List.copyOf(next.subList(0, Math.min(RECENT, next.size())));
  }

  /**
   * One change as the admin page lists it (the same as the audit event, without the documents).
   *
   * @param kind {@code ADMIN_REPLACE}, {@code ADMIN_RESET} or {@code AUTOMATIC_BRAKE}
   */
  @Schema(requiredProperties = {"version", "changedAt", "changedBy", "kind", "reason", "changes"})
  public record ChangeEntry(
      long version,
      Instant changedAt,
      String changedBy,
      String kind,
      @Schema(nullable = true) @Nullable String reason,
      List<String> changes) {
    public ChangeEntry {
      changes = changes == null ? List.of() : List.copyOf(changes);
    }
  }
}
