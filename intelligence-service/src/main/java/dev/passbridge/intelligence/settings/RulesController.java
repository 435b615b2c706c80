package dev.passbridge.intelligence.settings;

import dev.passbridge.intelligence.IntelligenceJson;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.settings.internal.RulesStore;
import dev.passbridge.platform.core.session.Session;
import dev.passbridge.platform.session.CurrentSession;
import dev.passbridge.platform.web.Problems;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
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
 *   <li>{@code DELETE /api/insights/rules} → back to the configuration file's rules.
 * </ul>
 *
 * Durations are ISO-8601 ({@code P30D}, {@code PT12H}). Nothing is lost on a change: profiles,
 * pending logins and funnel counts live in the state stores.
 */
@RestController
public class RulesController {
  private final RulesStore rules;
  private final Validator validator;

  public RulesController(RulesStore rules, Validator validator) {
    this.rules = rules;
    this.validator = validator;
  }

  @GetMapping("/api/insights/rules")
  JsonNode current(@CurrentSession(role = "admin") Session admin) {
    return IntelligenceJson.MAPPER.valueToTree(rules.current());
  }

  @PutMapping(value = "/api/insights/rules", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> replace(
      @CurrentSession(role = "admin") Session admin, @RequestBody(required = false) String body) {
    RulesConfig config;
    try {
      config = RulesDocument.read(body, validator);
    } catch (RulesDocument.Refused refused) {
      Map<String, Object> members = new LinkedHashMap<>();
      if (refused.field() != null) {
        members.put("field", refused.field());
      }
      if (!refused.errors().isEmpty()) {
        members.put("errors", refused.errors());
      }
      return Problems.response(
          HttpStatus.BAD_REQUEST,
          "invalid-rules",
          "The rules document is not valid: " + refused.getMessage(),
          members);
    }
    return answer(rules.replace(config, admin.userId()));
  }

  @DeleteMapping("/api/insights/rules")
  ResponseEntity<JsonNode> reset(@CurrentSession(role = "admin") Session admin) {
    return answer(rules.reset(admin.userId()));
  }

  private static ResponseEntity<JsonNode> answer(RulesStore.Change change) {
    return ResponseEntity.status(change.applied() ? HttpStatus.OK : HttpStatus.ACCEPTED)
        .body(IntelligenceJson.MAPPER.valueToTree(change.snapshot()));
  }
}
