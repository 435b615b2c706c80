package dev.passbridge.intelligence.settings;

import dev.passbridge.intelligence.IntelligenceJson;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.settings.internal.RulesStore;
import dev.passbridge.platform.core.session.Session;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.session.CurrentSession;
import dev.passbridge.platform.web.Problems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The decision rules at runtime (admin only):
 *
 * <ul>
 *   <li>{@code GET /api/insights/rules} → the rules in force with their version;
 *   <li>{@code PUT /api/insights/rules} with a full rules document (a missing field takes its
 *       default; anything else not exactly right, an unknown field, a {@code null}, a float or a
 *       string for a number, a value out of range, is refused with 400 {@code invalid-rules} naming
 *       the {@code field}, and nothing is stored: see {@link RulesDocument}) → 200 once this
 *       instance applies it, 202 if that takes longer than the apply timeout; every other instance
 *       picks it up from the rules topic within milliseconds;
 *   <li>{@code DELETE /api/insights/rules} → back to the configuration file's rules (a new version,
 *       audited like any change);
 *   <li>{@code POST /api/insights/rules/preview} → what proposed rules would decide for a chosen
 *       platform and history ({@link RulesPreview}).
 * </ul>
 *
 * A {@code PUT} body is a rules document, or {@code {"rules": {...}, "reason": "...",
 * "expectedVersion": N}}: the reason goes into the audit event, and a change on top of a version
 * other than {@code expectedVersion} is refused with 409 {@code rules-version-conflict} (so an
 * admin's stale page cannot silently undo the automatic brake). Every change is an audit event
 * ({@code RulesChanged}).
 *
 * <p>Durations are ISO-8601 ({@code P30D}, {@code PT12H}). Nothing is lost on a change: profiles,
 * pending logins and funnel counts live in the state stores.
 */
@RestController
public class RulesController {
  private final RulesStore rules;
  private final Validator validator;
  private final Clock clock;

  public RulesController(RulesStore rules, Validator validator, Clock clock) {
    this.rules = rules;
    this.validator = validator;
    this.clock = clock;
  }

  @GetMapping("/api/insights/rules")
  @ApiResponse(
      responseCode = "200",
      description = "The rules in force, their version and their recent changes.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = RulesSnapshot.class)))
  JsonNode current(@CurrentSession(role = "admin") Session admin) {
    return IntelligenceJson.MAPPER.valueToTree(rules.current());
  }

  @PutMapping(value = "/api/insights/rules", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ApiResponse(
      responseCode = "200",
      description =
          "The rules are stored and this instance applies them (or they were in force already:"
              + " the version stays).",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = RulesSnapshot.class)))
  @ApiResponse(
      responseCode = "202",
      description =
          "The rules are stored, but this instance did not apply them within the apply timeout;"
              + " every instance picks them up from the rules topic.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = RulesSnapshot.class)))
  @ProblemResponse(
      status = 400,
      code = "invalid-rules",
      description =
          "The rules document (or the change around it) is not valid; `field` names the first"
              + " refused field. Nothing is stored.")
  @ProblemResponse(
      status = 409,
      code = "rules-version-conflict",
      description =
          "The rules changed since `expectedVersion`; `currentVersion` is the version in force."
              + " Nothing is stored.")
  ResponseEntity<?> replace(
      @CurrentSession(role = "admin") Session admin,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              description =
                  "A rules document (a missing field takes its default), or a change {rules,"
                      + " reason, expectedVersion}; read strictly (RulesDocument).",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema =
                          @Schema(oneOf = {RulesConfig.class, RulesDocument.ChangeRequest.class})))
          @RequestBody(required = false)
          String body) {
    RulesDocument.ChangeRequest change;
    try {
      change = RulesDocument.readChange(body, validator);
    } catch (RulesDocument.Refused refused) {
      return refusal("invalid-rules", "The rules document is not valid: ", refused);
    }
    if (change.expectedVersion() != null) {
      long current = rules.current().version();
      if (current != change.expectedVersion()) {
        return Problems.response(
            HttpStatus.CONFLICT,
            "rules-version-conflict",
            "The rules changed since version "
                + change.expectedVersion()
                + " (now version "
                + current
                + "); reload them and apply your edit again.",
            Map.of("currentVersion", current));
      }
    }
    return answer(rules.replace(change.rules(), admin.userId(), change.reason()));
  }

  @DeleteMapping("/api/insights/rules")
  @ApiResponse(
      responseCode = "200",
      description =
          "The configuration file's rules are in force on this instance (a new version, or the"
              + " same one when they were in force already).",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = RulesSnapshot.class)))
  @ApiResponse(
      responseCode = "202",
      description =
          "The reset is stored, but this instance did not apply it within the apply timeout;"
              + " every instance picks it up from the rules topic.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = RulesSnapshot.class)))
  ResponseEntity<JsonNode> reset(@CurrentSession(role = "admin") Session admin) {
    return answer(rules.reset(admin.userId()));
  }

  /**
   * What the proposed rules (or the rules in force) would decide for a chosen platform and history:
   * {@link RulesPreview}. Stores and sends nothing.
   */
  @PostMapping(value = "/api/insights/rules/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ApiResponse(
      responseCode = "200",
      description = "What the rules would decide, with every rule's result.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = RulesPreview.Result.class)))
  @ProblemResponse(
      status = 400,
      code = "invalid-preview",
      description =
          "The preview request (or the rules it proposes) is not valid; `field` names the first"
              + " refused field.")
  ResponseEntity<?> preview(
      @CurrentSession(role = "admin") Session admin,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              description =
                  "The proposed rules (absent: the rules in force), the login and the history;"
                      + " read strictly (RulesPreview).",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = RulesPreview.Request.class)))
          @RequestBody(required = false)
          String body) {
    try {
      return ResponseEntity.ok(
          IntelligenceJson.MAPPER.valueToTree(
              RulesPreview.run(body, rules.current().rules(), validator, clock.instant())));
    } catch (RulesDocument.Refused refused) {
      return refusal("invalid-preview", "The preview request is not valid: ", refused);
    }
  }

  private static ResponseEntity<?> refusal(
      String code, String title, RulesDocument.Refused refused) {
    Map<String, Object> members = new LinkedHashMap<>();
    if (refused.field() != null) {
      members.put("field", refused.field());
    }
    if (!refused.errors().isEmpty()) {
      members.put("errors", refused.errors());
    }
    return Problems.response(HttpStatus.BAD_REQUEST, code, title + refused.getMessage(), members);
  }

  private static ResponseEntity<JsonNode> answer(RulesStore.Change change) {
    return ResponseEntity.status(change.applied() ? HttpStatus.OK : HttpStatus.ACCEPTED)
        .body(IntelligenceJson.MAPPER.valueToTree(change.snapshot()));
  }
}
