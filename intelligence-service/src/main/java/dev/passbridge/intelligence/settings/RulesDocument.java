package dev.passbridge.intelligence.settings;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.intelligence.IntelligenceJson;
import dev.passbridge.intelligence.rules.RulesConfig;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * An admin's rules document, read strictly: what it says is exactly what is stored, or it is
 * refused naming the field. Unlike the service's own state (read leniently, so it can evolve):
 *
 * <ul>
 *   <li>no unknown fields (the {@code GET} answer sent back as it is would otherwise read as an
 *       empty document and reset every rule) and no field twice;
 *   <li>no coercion: {@code 50.7} or {@code "100"} for a number, {@code 5} for a duration or a
 *       string are refused, not rounded or converted;
 *   <li>no {@code null} for a setting: leaving a field out takes its default, {@code null} is
 *       refused (a {@code null} table would silently bring back the default table); inside the
 *       tables an optional value may be {@code null} ({@code minOsVersion}, as {@code GET} shows
 *       it);
 *   <li>ranges: durations {@code 0..}{@link RulesConfig#MAX_DURATION}, percentages and prompt
 *       counts {@code 0..100}, the tables' sizes and version patterns (the constraints on {@link
 *       RulesConfig}).
 * </ul>
 */
public final class RulesDocument {
  private RulesDocument() {}

  private static final List<String> DURATIONS =
      List.of("notAllowedCooldown", "promptCooldown", "dismissCooldown");

  private static final Pattern DUPLICATE =
      Pattern.compile("^Duplicate Object property \"([^\"]*)\"");

  private static final JsonMapper STRICT =
      IntelligenceJson.MAPPER
          .rebuild()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  /**
   * Why a document was refused.
   *
   * @param field the offending field as a path ({@code rolloutPercent}, {@code
   *     conditionalCreatePlatforms[0].minBrowserVersion}), or null for the document as a whole
   * @param errors every constraint violation by field (empty when reading stopped at the first)
   */
  public static final class Refused extends Exception {
    private final @Nullable String field;
    private final Map<String, String> errors;

    public Refused(@Nullable String field, String detail, Map<String, String> errors) {
      super(
          field == null || detail.startsWith(field) ? detail : field + ": " + detail,
          null,
          false,
          false);
      this.field = field;
      this.errors = Map.copyOf(errors);
    }

    public Refused(@Nullable String field, String detail) {
      this(field, detail, Map.of());
    }

    public @Nullable String field() {
      return field;
    }

    public Map<String, String> errors() {
      return errors;
    }
  }

  /** The strict reader (no unknown fields, no coercion, no duplicates, no trailing content). */
  static JsonMapper strict() {
    return STRICT;
  }

  /** A strict reader's failure as a refusal naming the field. */
  static Refused refusal(JacksonException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return new Refused(
          path(e),
          "unknown field \"" + abbreviate(String.valueOf(unknown.getPropertyName()), 100) + "\"");
    }
    RulesConfig.InvalidSetting invalid = invalidSetting(e);
    if (invalid != null) {
      return new Refused(invalid.field(), invalid.getMessage());
    }
    return new Refused(path(e), message(e));
  }

  /** Reads and checks {@code body}; the rules it sets, or {@link Refused}. */
  public static RulesConfig read(String body, Validator validator) throws Refused {
    JsonNode tree;
    try {
      tree = STRICT.readTree(body == null ? "" : body);
    } catch (JacksonException e) {
      Matcher duplicate = DUPLICATE.matcher(message(e));
      throw new Refused(
          duplicate.find() ? abbreviate(duplicate.group(1), 100) : null,
          "unreadable JSON: " + message(e));
    }
    if (tree == null || tree.isMissingNode()) {
      throw new Refused(null, "the body is empty");
    }
    if (!tree.isObject()) {
      throw new Refused(null, "the rules document must be a JSON object");
    }
    String nullField = firstNull(tree, "");
    if (nullField != null) {
      throw new Refused(nullField, "must not be null (leave the field out to take its default)");
    }
    for (String duration : DURATIONS) {
      JsonNode value = tree.get(duration);
      if (value != null && !value.isString()) {
        throw new Refused(duration, "must be an ISO-8601 duration string such as \"P7D\"");
      }
    }
    RulesConfig config;
    try {
      config = STRICT.readValue(body, RulesConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new Refused(
          path(e),
          "unknown field \""
              + abbreviate(String.valueOf(e.getPropertyName()), 100)
              + "\" (send the \"rules\" object of GET /api/insights/rules, not the whole"
              + " answer)");
    } catch (JacksonException e) {
      RulesConfig.InvalidSetting invalid = invalidSetting(e);
      if (invalid != null) {
        throw new Refused(invalid.field(), invalid.getMessage());
      }
      throw new Refused(path(e), message(e));
    }
    Set<ConstraintViolation<RulesConfig>> violations = validator.validate(config);
    if (!violations.isEmpty()) {
      Map<String, String> errors = new TreeMap<>();
      violations.forEach(v -> errors.put(v.getPropertyPath().toString(), v.getMessage()));
      Map.Entry<String, String> first = errors.entrySet().iterator().next();
      throw new Refused(first.getKey(), first.getKey() + " " + first.getValue(), errors);
    }
    Map<String, String> inconsistent = config.inconsistencies();
    if (!inconsistent.isEmpty()) {
      Map.Entry<String, String> first = inconsistent.entrySet().iterator().next();
      throw new Refused(first.getKey(), first.getKey() + " " + first.getValue(), inconsistent);
    }
    return config;
  }

  /**
   * An admin's change: the rules, and optionally why and which version it replaces.
   *
   * @param reason the admin's words for the audit trail (at most {@value #MAX_REASON} characters)
   * @param expectedVersion the version the admin edited; a change on top of another is refused
   */
  public record ChangeRequest(
      RulesConfig rules, @Nullable String reason, @Nullable Long expectedVersion) {}

  /** Longest reason an admin may give. */
  public static final int MAX_REASON = 500;

  private static final Set<String> CHANGE_FIELDS = Set.of("rules", "reason", "expectedVersion");

  /**
   * Reads a {@code PUT} body: either a rules document as it is, or {@code {"rules": {...},
   * "reason": "...", "expectedVersion": 3}} (no rules document has a {@code rules} field, so the
   * two cannot be confused). Field paths inside the wrapper start with {@code rules.}.
   */
  public static ChangeRequest readChange(String body, Validator validator) throws Refused {
    JsonNode tree;
    try {
      tree = STRICT.readTree(body == null ? "" : body);
    } catch (JacksonException e) {
      return new ChangeRequest(read(body, validator), null, null);
    }
    if (tree == null || !tree.isObject() || !tree.has("rules")) {
      return new ChangeRequest(read(body, validator), null, null);
    }
    for (String field : tree.propertyNames()) {
      if (!CHANGE_FIELDS.contains(field)) {
        throw new Refused(
            abbreviate(field, 100),
            "unknown field \""
                + abbreviate(field, 100)
                + "\" (a change has rules, reason and expectedVersion)");
      }
    }
    JsonNode rules = tree.get("rules");
    if (!rules.isObject()) {
      throw new Refused("rules", "must be a rules document (a JSON object)");
    }
    String reason = null;
    JsonNode reasonNode = tree.get("reason");
    if (reasonNode != null && !reasonNode.isNull()) {
      if (!reasonNode.isString()) {
        throw new Refused("reason", "must be a string");
      }
      reason = reasonNode.asString().strip();
      if (reason.length() > MAX_REASON) {
        throw new Refused("reason", "must be at most " + MAX_REASON + " characters");
      }
      reason = reason.isEmpty() ? null : reason;
    }
    Long expected = null;
    JsonNode expectedNode = tree.get("expectedVersion");
    if (expectedNode != null && !expectedNode.isNull()) {
      if (!expectedNode.isIntegralNumber()
          || !expectedNode.canConvertToLong()
          || expectedNode.asLong() < 0) {
        throw new Refused("expectedVersion", "must be a version number (0 or more)");
      }
      expected = expectedNode.asLong();
    }
    return new ChangeRequest(readNested(rules, "rules", validator), reason, expected);
  }

  /** Reads a rules document inside another document; field paths start with {@code prefix.}. */
  static RulesConfig readNested(JsonNode rules, String prefix, Validator validator) throws Refused {
    try {
      return read(STRICT.writeValueAsString(rules), validator);
    } catch (Refused refused) {
      Map<String, String> errors = new TreeMap<>();
      refused.errors().forEach((k, v) -> errors.put(prefix + "." + k, v));
      String field = refused.field() == null ? prefix : prefix + "." + refused.field();
      throw new Refused(field, refused.getMessage(), errors);
    }
  }

  /**
   * The first field of a rules object that is {@code null}. Only the top level: inside the tables
   * {@code null} is a value ({@code minOsVersion}), and a required one is caught by the
   * constraints.
   */
  static @Nullable String firstNull(JsonNode rules, String prefix) {
    for (Map.Entry<String, JsonNode> field : rules.properties()) {
      if (field.getValue().isNull()) {
        return prefix + field.getKey();
      }
    }
    return null;
  }

  @Nullable
  private static RulesConfig.InvalidSetting invalidSetting(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RulesConfig.InvalidSetting invalid) {
        return invalid;
      }
    }
    return null;
  }

  /** The JSON path of a Jackson failure: {@code a.b[0].c}, or null at the top. */
  private static @Nullable String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(abbreviate(ref.getPropertyName(), 100));
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? null : path.toString();
  }

  /** The innermost message, without Jackson's source excerpt (which could echo a lot of input). */
  private static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message =
        t instanceof JacksonException jackson ? jackson.getOriginalMessage() : t.getMessage();
    return message == null ? "unreadable JSON" : abbreviate(message, 300);
  }

  private static String abbreviate(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }
}
