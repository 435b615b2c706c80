package dev.passbridge.intelligence.settings;

import dev.passbridge.intelligence.IntelligenceJson;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.platform.session.CurrentSession;
import dev.passbridge.platform.session.Session;
import dev.passbridge.platform.web.Problems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The decision rules at runtime (admin only):
 *
 * <ul>
 *   <li>{@code GET /api/insights/rules} → the rules in force with their version;
 *   <li>{@code PUT /api/insights/rules} with a full rules document (a missing field takes its
 *       default; an unknown field is refused with 400, so that a misspelt field or the whole {@code
 *       GET} answer sent back cannot silently reset every rule to its default) → 200 once this
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
  /**
   * An admin's document, unlike the service's own stored state, must not carry unknown fields: the
   * {@code GET} answer ({@code version, updatedAt, updatedBy, rules}) sent back as it is would
   * otherwise read as an empty document, which resets every rule.
   */
  private static final ObjectReader STRICT =
      IntelligenceJson.MAPPER
          .readerFor(RulesConfig.class)
          .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
      @CurrentSession(role = "admin") Session admin, @RequestBody String body) {
    RulesConfig config;
    try {
      config = STRICT.readValue(body);
    } catch (UnrecognizedPropertyException e) {
      return Problems.response(
          HttpStatus.BAD_REQUEST,
          "invalid-rules",
          "The rules document is not valid: unknown field \""
              + abbreviate(e.getPropertyName())
              + "\" (send the \"rules\" object of GET /api/insights/rules, not the whole answer).");
    } catch (JacksonException | IllegalArgumentException e) {
      return Problems.response(
          HttpStatus.BAD_REQUEST,
          "invalid-rules",
          "The rules document is not valid: " + rootMessage(e));
    }
    if (config == null) {
      return Problems.response(HttpStatus.BAD_REQUEST, "invalid-rules", "The body is empty.");
    }
    Set<ConstraintViolation<RulesConfig>> violations = validator.validate(config);
    if (!violations.isEmpty()) {
      Map<String, String> errors = new TreeMap<>();
      violations.forEach(v -> errors.put(v.getPropertyPath().toString(), v.getMessage()));
      return Problems.response(
          HttpStatus.BAD_REQUEST,
          "invalid-rules",
          "The rules document is not valid.",
          Map.of("errors", errors));
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

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 100 ? s.substring(0, 100) : s;
  }

  /** The innermost message, without Jackson's source excerpt (which could echo a lot of input). */
  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message =
        t instanceof JacksonException jackson ? jackson.getOriginalMessage() : t.getMessage();
    if (message == null) {
      return "unreadable JSON";
    }
    return message.length() > 300 ? message.substring(0, 300) : message;
  }
}
