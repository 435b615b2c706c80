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

    Refused(@Nullable String field, String detail, Map<String, String> errors) {
      super(
          field == null || detail.startsWith(field) ? detail : field + ": " + detail,
          null,
          false,
          false);
      this.field = field;
      this.errors = Map.copyOf(errors);
    }

    Refused(@Nullable String field, String detail) {
      this(field, detail, Map.of());
    }

    public @Nullable String field() {
      return field;
    }

    public Map<String, String> errors() {
      return errors;
    }
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
    return config;
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
