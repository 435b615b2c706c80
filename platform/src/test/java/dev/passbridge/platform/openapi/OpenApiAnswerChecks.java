package dev.passbridge.platform.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds a service's real answers against its generated OpenAPI document (for the services' tests,
 * from platform's test jar), in the part of JSON Schema that springdoc writes ({@code $ref}, {@code
 * type} — one or a list, {@code "null"} among them —, {@code properties}, {@code required}, {@code
 * items}, {@code additionalProperties}, {@code enum}, {@code allOf}, {@code anyOf}, {@code oneOf}).
 * In a success answer a property the schema does not list is a mismatch too: the document names all
 * that it sends (a problem may carry further members, as RFC 9457 and the Problem schema allow).
 * And every object schema a success answer leads to says which of its properties are always sent.
 *
 * <p>Written here rather than taken from a JSON Schema library: none is on the services' test class
 * path (contracts' tests use networknt's validator), a standard validator lets an object carry
 * properties its schema does not list (springdoc writes no {@code additionalProperties: false}),
 * while this holds success answers closed, and the {@code required} walk is no validation at all.
 */
public final class OpenApiAnswerChecks {
  private static final String REF = "#/components/schemas/";
  private static final JsonMapper READER = JsonMapper.builder().build();
  private final JsonNode document;

  private OpenApiAnswerChecks(JsonNode document) {
    this.document = document;
  }

  /**
   * Where the answer {@code status} of {@code method path} (its media type and body as sent)
   * differs from {@code document}; empty when the document describes it.
   */
  public static List<String> mismatches(
      JsonNode document, String method, String path, int status, String contentType, String body) {
    return new OpenApiAnswerChecks(document).mismatches(method, path, status, contentType, body);
  }

  /**
   * The object schemas the JSON answers (2xx) of the operations on {@code paths} lead to (through
   * {@code $ref}, properties, items, {@code additionalProperties} and the compositions) that do not
   * say which of their properties are always sent: no {@code required}, or a name in it that is no
   * property. {@code exempt}: schemas named with a reason, reported nowhere.
   */
  public static List<String> withoutRequired(
      JsonNode document, Predicate<String> paths, Set<String> exempt) {
    return new OpenApiAnswerChecks(document).withoutRequired(paths, exempt);
  }

  private List<String> mismatches(
      String method, String path, int status, String contentType, String body) {
    String where = method.toUpperCase(Locale.ROOT) + " " + path + " " + status;
    JsonNode response =
        document
            .path("paths")
            .path(path)
            .path(method.toLowerCase(Locale.ROOT))
            .path("responses")
            .path(Integer.toString(status));
    if (response.isMissingNode()) {
      return List.of(where + " is not a documented answer");
    }
    JsonNode content = response.path("content");
    if (body == null || body.isEmpty()) {
      return content.isEmpty()
          ? List.of()
          : List.of(where + " has no body, the document gives " + content.propertyNames());
    }
    String mediaType = contentType == null ? "" : contentType.split(";")[0].strip();
    JsonNode schema = content.path(mediaType).path("schema");
    if (schema.isMissingNode()) {
      schema = content.path("*/*").path("schema");
    }
    if (schema.isMissingNode()) {
      return List.of(
          where + " answers " + mediaType + ", the document gives " + content.propertyNames());
    }
    List<String> found = new ArrayList<>();
    check(schema, READER.readTree(body), where + " $", status < 300, found);
    return found;
  }

  private List<String> withoutRequired(Predicate<String> paths, Set<String> exempt) {
    List<String> found = new ArrayList<>();
    Set<String> seen = new HashSet<>(exempt);
    for (var item : document.path("paths").properties()) {
      if (!paths.test(item.getKey())) {
        continue;
      }
      for (var operation : item.getValue().properties()) {
        for (var answer : operation.getValue().path("responses").properties()) {
          if (!answer.getKey().startsWith("2")) {
            continue;
          }
          for (var media : answer.getValue().path("content").properties()) {
            walk(
                media.getValue().path("schema"),
                operation.getKey() + " " + item.getKey() + " " + answer.getKey(),
                seen,
                found);
          }
        }
      }
    }
    return found;
  }

  private void walk(JsonNode schema, String at, Set<String> seen, List<String> found) {
    if (!schema.isObject()) {
      return;
    }
    String ref = schema.path("$ref").asString("");
    if (ref.startsWith(REF) && seen.add(ref.substring(REF.length()))) {
      walk(resolve(ref), ref.substring(REF.length()), seen, found);
    }
    JsonNode properties = schema.path("properties");
    if (!properties.isEmpty()) {
      JsonNode required = schema.path("required");
      if (required.isEmpty()) {
        found.add(at + " marks none of its properties required");
      }
      for (JsonNode name : required) {
        if (!properties.has(name.asString())) {
          found.add(at + " requires `" + name.asString() + "`, which is none of its properties");
        }
      }
      for (var property : properties.properties()) {
        walk(property.getValue(), at + "." + property.getKey(), seen, found);
      }
    }
    walk(schema.path("items"), at + "[]", seen, found);
    if (schema.path("additionalProperties").isObject()) {
      walk(schema.path("additionalProperties"), at + "{}", seen, found);
    }
    for (String composition : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode part : schema.path(composition)) {
        walk(part, at, seen, found);
      }
    }
  }

  /** {@code {"type": "null"}} or {@code {"type": ["null"]}}. */
  static boolean onlyNull(JsonNode schema) {
    JsonNode type = schema.path("type");
    boolean nullType =
        type.isArray()
            ? type.size() == 1 && type.get(0).asString("").equals("null")
            : type.asString("").equals("null");
    return nullType && schema.size() == 1;
  }

  private void check(
      JsonNode schema, JsonNode value, String at, boolean closed, List<String> found) {
    String ref = schema.path("$ref").asString("");
    if (!ref.isEmpty()) {
      check(resolve(ref), value, at, closed, found);
    }
    for (JsonNode part : schema.path("allOf")) {
      check(part, value, at, closed, found);
    }
    if (schema.has("anyOf") && matching(schema.path("anyOf"), value, closed) == 0) {
      List<JsonNode> notNull = new ArrayList<>();
      schema
          .path("anyOf")
          .forEach(
              part -> {
                if (!onlyNull(part)) {
                  notNull.add(part);
                }
              });
      if (notNull.size() == 1 && !value.isNull()) {
        // a nullable reference: what the value fails of the schema it is not null for
        check(notNull.get(0), value, at, closed, found);
      } else {
        found.add(at + " matches none of the schemas of its anyOf");
      }
    }
    if (schema.has("oneOf")) {
      int matching = matching(schema.path("oneOf"), value, closed);
      if (matching != 1) {
        found.add(at + " matches " + matching + " of the schemas of its oneOf, not one");
      }
    }
    if (schema.has("enum") && schema.path("enum").valueStream().noneMatch(value::equals)) {
      found.add(at + " is " + value + ", none of " + schema.path("enum"));
    }
    JsonNode type = schema.path("type");
    if (!type.isMissingNode()) {
      List<String> types =
          type.isArray()
              ? type.valueStream().map(JsonNode::asString).toList()
              : List.of(type.asString());
      if (types.stream().noneMatch(t -> is(t, value))) {
        found.add(at + " is " + (value.isNull() ? "null" : value.getNodeType()) + ", not " + types);
        return;
      }
    }
    if (value.isObject()) {
      for (JsonNode name : schema.path("required")) {
        if (!value.has(name.asString())) {
          found.add(at + " lacks the required property `" + name.asString() + "`");
        }
      }
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      for (var property : value.properties()) {
        String name = property.getKey();
        if (properties.has(name)) {
          check(properties.path(name), property.getValue(), at + "." + name, closed, found);
        } else if (additional.isObject()) {
          check(additional, property.getValue(), at + "." + name, closed, found);
        } else if (closed && !properties.isEmpty() && !additional.asBoolean(false)) {
          found.add(at + " has the property `" + name + "`, which the schema does not list");
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      int i = 0;
      for (JsonNode element : value) {
        check(schema.path("items"), element, at + "[" + i++ + "]", closed, found);
      }
    }
  }

  private int matching(JsonNode schemas, JsonNode value, boolean closed) {
    int matching = 0;
    for (JsonNode schema : schemas) {
      List<String> mismatches = new ArrayList<>();
      check(schema, value, "", closed, mismatches);
      matching += mismatches.isEmpty() ? 1 : 0;
    }
    return matching;
  }

  private static boolean is(String type, JsonNode value) {
    return switch (type) {
      case "null" -> value.isNull();
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isString();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }

  private JsonNode resolve(String ref) {
    if (!ref.startsWith(REF)) {
      throw new AssertionError("a $ref outside the components: " + ref);
    }
    JsonNode schema = document.path("components").path("schemas").path(ref.substring(REF.length()));
    if (schema.isMissingNode()) {
      throw new AssertionError("no schema " + ref);
    }
    return schema;
  }
}
