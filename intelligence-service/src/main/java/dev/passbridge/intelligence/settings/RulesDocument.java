package dev.passbridge.intelligence.settings;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.intelligence.IntelligenceJson;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.platform.validation.VisibleText;
import dev.passbridge.platform.web.JsonOnlyMessageConverters;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

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

  /**
   * The web layer's strict reader (no coercion, no duplicate keys, no trailing content, instants
   * only as ISO-8601 strings: {@code "at": 5} would preview a decision in 1970) that also refuses
   * unknown fields: a misspelt rule must not reset it.
   */
  private static final JsonMapper STRICT =
      JsonOnlyMessageConverters.strict(IntelligenceJson.MAPPER)
          .rebuild()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
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
    if (path(e) == null) {
      Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
      if (duplicate.find()) {
        return new Refused(abbreviate(duplicate.group(1), 100), "is there twice");
      }
    }
    return failure(e);
  }

  /** A failure of the strict reader at its path; at the top, said of the body. */
  private static Refused failure(JacksonException e) {
    String field = path(e);
    String message = message(e);
    boolean said = message.startsWith("must ") || message.startsWith("is ");
    return new Refused(field, field == null && said ? "the body " + message : message);
  }

  /** Reads and checks {@code body}; the rules it sets, or {@link Refused}. */
  public static RulesConfig read(String body, Validator validator) throws Refused {
    JsonNode tree;
    try {
      tree = STRICT.readTree(body == null ? "" : body);
    } catch (JacksonException e) {
      Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
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
    String nullInside = nullInside(tree);
    if (nullInside != null) {
      throw new Refused(nullInside, "must not be null");
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
      throw failure(e);
    }
    Set<ConstraintViolation<RulesConfig>> violations = validator.validate(config);
    if (!violations.isEmpty()) {
      Map<String, String> errors = new TreeMap<>();
      violations.forEach(v -> errors.put(v.getPropertyPath().toString(), v.getMessage()));
      Map.Entry<String, String> first = errors.entrySet().iterator().next();
      throw new Refused(first.getKey(), first.getKey() + " " + first.getValue(), errors);
    }
    // a note is shown on the rules page and carried by the audit event: visible text for what an
    // administrator sends now (not in RulesConfig itself: stored and configured rules from before
    // the rule must still load)
    for (int i = 0; i < config.blockedPlatforms().size(); i++) {
      String note = config.blockedPlatforms().get(i).note();
      String problem = note == null ? null : VisibleText.Check.problem(note, 200);
      if (problem != null) {
        String field = "blockedPlatforms[" + i + "].note";
        throw new Refused(field, field + " " + problem, Map.of(field, problem));
      }
    }
    // logins carry two parts of a version (auth-service reads 137.0.7151.55 as 137.0): a version
    // of three parts in a rule matches no login, so a kill switch for one build would quietly
    // block nothing (checked here, for what an administrator sends now, as the note above)
    Map<String, String> tooPrecise = new LinkedHashMap<>();
    for (int i = 0; i < config.blockedPlatforms().size(); i++) {
      var b = config.blockedPlatforms().get(i);
      String row = "blockedPlatforms[" + i + "]";
      for (int j = 0; j < b.browserVersions().size(); j++) {
        twoParts(row + ".browserVersions[" + j + "]", b.browserVersions().get(j), tooPrecise);
      }
      twoParts(row + ".fromBrowserVersion", b.fromBrowserVersion(), tooPrecise);
      twoParts(row + ".toBrowserVersion", b.toBrowserVersion(), tooPrecise);
    }
    for (int i = 0; i < config.conditionalCreatePlatforms().size(); i++) {
      var c = config.conditionalCreatePlatforms().get(i);
      String row = "conditionalCreatePlatforms[" + i + "]";
      twoParts(row + ".minBrowserVersion", c.minBrowserVersion(), tooPrecise);
      twoParts(row + ".minOsVersion", c.minOsVersion(), tooPrecise);
      for (int j = 0; j < c.excludedBrowserVersions().size(); j++) {
        twoParts(
            row + ".excludedBrowserVersions[" + j + "]",
            c.excludedBrowserVersions().get(j),
            tooPrecise);
      }
    }
    if (!tooPrecise.isEmpty()) {
      Map.Entry<String, String> first = tooPrecise.entrySet().iterator().next();
      throw new Refused(first.getKey(), first.getKey() + " " + first.getValue(), tooPrecise);
    }
    Map<String, String> inconsistent = new LinkedHashMap<>(config.inconsistencies());
    config.blankAliases().forEach(inconsistent::putIfAbsent);
    config.aliasProblems().forEach(inconsistent::putIfAbsent);
    if (!inconsistent.isEmpty()) {
      Map.Entry<String, String> first = inconsistent.entrySet().iterator().next();
      throw new Refused(first.getKey(), first.getKey() + " " + first.getValue(), inconsistent);
    }
    return config;
  }

  /** Notes {@code field} in {@code errors} when {@code version} has more than two parts. */
  private static void twoParts(String field, String version, Map<String, String> errors) {
    if (version != null && version.split("[._]").length > 2) {
      errors.put(
          field,
          "must have at most two parts (137 or 137.0): a login's version has two, so "
              + version
              + " would match none");
    }
  }

  /**
   * An admin's change: the rules, and optionally why and which version it replaces.
   *
   * @param reason the admin's words for the audit trail: visible text ({@link VisibleText}) of at
   *     most {@value #MAX_REASON} characters
   * @param expectedVersion the version the admin edited; a change on top of another is refused
   */
  public record ChangeRequest(
      RulesConfig rules,
      @Schema(maxLength = MAX_REASON) @Nullable String reason,
      @Nullable Long expectedVersion) {}

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
      // shown on the rules page and carried by the audit event: visible text, counted in code
      // points (docs/CONVENTIONS.md, @VisibleText)
      String problem = VisibleText.Check.problem(reason, MAX_REASON);
      if (problem != null) {
        throw new Refused("reason", problem);
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
      String detail = refused.getMessage();
      if (refused.field() != null && detail.startsWith(refused.field())) {
        detail = prefix + "." + detail;
      }
      throw new Refused(field, detail, errors);
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

  /**
   * A {@code null} the settings cannot hold: an element of a list anywhere ({@code
   * blockedPlatforms[0]}, {@code conditionalCreatePlatforms[0].deviceClasses[1]}) or a value of an
   * alias map ({@code browserAliases.Chromium}). An optional value of a table row ({@code
   * minOsVersion}) may be {@code null}.
   */
  static @Nullable String nullInside(JsonNode rules) {
    for (Map.Entry<String, JsonNode> field : rules.properties()) {
      String path = abbreviate(field.getKey(), 100);
      JsonNode value = field.getValue();
      if (value.isObject()) {
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
          if (entry.getValue().isNull()) {
            return path + "." + abbreviate(entry.getKey(), 100);
          }
        }
      }
      String element = nullElement(value, path);
      if (element != null) {
        return element;
      }
    }
    return null;
  }

  private static @Nullable String nullElement(JsonNode node, String path) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String at = path + "[" + i + "]";
        if (node.get(i).isNull()) {
          return at;
        }
        String inside = nullElement(node.get(i), at);
        if (inside != null) {
          return inside;
        }
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        String inside = nullElement(entry.getValue(), path + "." + abbreviate(entry.getKey(), 100));
        if (inside != null) {
          return inside;
        }
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

  /**
   * What a failed read says about the input, in the words of JSON: never Jackson's own message for
   * a value of the wrong shape, which names Java types ({@code Cannot deserialize value of type
   * `java.util.UUID`}, {@code RulesPreview$Request}). Syntax errors keep their message (it is about
   * the JSON text), a constructor's refusal keeps its own words ({@code os is required}), a value
   * of the wrong shape says what the field must be; anything else, or any message that would still
   * name a Java type, is a generic "not a valid value".
   */
  static String message(JacksonException e) {
    if (e instanceof InvalidNullException) {
      return "must not be null";
    }
    if (e instanceof ValueInstantiationException) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      return cause == e ? NOT_VALID : safe(cause.getMessage());
    }
    if (e instanceof MismatchedInputException mismatched) {
      return expected(mismatched.getTargetType());
    }
    if (e instanceof InputCoercionException) {
      return "is out of range";
    }
    if (e instanceof StreamReadException && !(e instanceof DatabindException)) {
      String syntax = e.getOriginalMessage();
      return syntax == null ? NOT_VALID : safe(START_MARKER.matcher(syntax).replaceFirst(""));
    }
    return NOT_VALID;
  }

  private static final String NOT_VALID = "is not a valid value";

  /** Jackson's pointer back into the source, which names a Java feature flag. */
  private static final Pattern START_MARKER =
      Pattern.compile("\\s*\\(start marker at .*$", Pattern.DOTALL);

  /** A Java type or member in a message: a qualified name, a nested class, backquotes. */
  private static final Pattern JAVA_NAME =
      Pattern.compile("[`$]|\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*\\.[A-Z]|Cannot invoke|because \"");

  private static String safe(@Nullable String message) {
    if (message == null || message.isBlank() || JAVA_NAME.matcher(message).find()) {
      return NOT_VALID;
    }
    return abbreviate(message, 300);
  }

  /** What a value of {@code type} must be, in the words of JSON. */
  private static String expected(@Nullable Class<?> type) {
    if (type == null) {
      return NOT_VALID;
    }
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        names.add(((Enum<?>) constant).name());
      }
      return "must be one of " + String.join(", ", names);
    }
    if (type == String.class || type == Character.class || type == char.class) {
      return "must be a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class
        || type == BigInteger.class) {
      return "must be a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "must be a number";
    }
    if (type == UUID.class) {
      return "must be a UUID string";
    }
    if (type == Instant.class) {
      return "must be an ISO-8601 instant such as \"2026-03-01T10:00:00Z\"";
    }
    if (type == Duration.class) {
      return "must be an ISO-8601 duration string such as \"P7D\"";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "must be an array";
    }
    if (JsonNode.class.isAssignableFrom(type)) {
      return NOT_VALID;
    }
    return "must be an object";
  }

  private static String abbreviate(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }
}
