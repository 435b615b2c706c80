package dev.passbridge.gateway.apidocs.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Merges the services' OpenAPI documents into one, on the JSON tree (nothing of the documents is
 * lost to a model's round trip). Of each service's document only the paths its gateway routes match
 * are kept (the same {@link PathPattern}s as the routes), with their components; a component two
 * services name alike but define differently is renamed {@code <route>_<Name>} in the second
 * service's part and its references rewritten. Servers are dropped: the public document has the
 * gateway's origin ({@code /}) as its one server. What the gateway itself answers on a path is
 * added to its operations: its per-address rate limits' 429 {@code rate-limited} ({@link Limit}).
 */
public final class ApiDocsMerge {
  private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
  private static final String REF_PREFIX = "#/components/";

  /** One service's document and the gateway's path patterns that go to that service. */
  public record Part(String name, JsonNode document, List<String> routedPatterns) {}

  /** A gateway rate limit: requests of {@code method} on paths matching {@code pathPattern}. */
  public record Limit(String method, String pathPattern) {}

  static final String RATE_LIMITED =
      "Too many requests from this address (the gateway's rate limit); retry after Retry-After."
          + " Problem code: `rate-limited`.";

  private final JsonMapper json;
  private final List<Limit> limits;

  public ApiDocsMerge(JsonMapper json) {
    this(json, List.of());
  }

  /**
   * @param limits the gateway's rate limits, documented as a 429 on the operations they count
   */
  public ApiDocsMerge(JsonMapper json, List<Limit> limits) {
    this.json = json;
    this.limits = List.copyOf(limits);
  }

  public ObjectNode merge(List<Part> parts) {
    ObjectNode merged = json.createObjectNode();
    merged.put("openapi", "3.1.0");
    ObjectNode info = merged.putObject("info");
    info.put("title", "Passbridge public API");
    info.put("version", "v1");
    info.put(
        "description",
        "Everything the gateway routes, merged from the services' own documents. Errors are"
            + " RFC 9457 problems (application/problem+json) with a stable `type`"
            + " (`https://passbridge.dev/problems/{code}`) and a `code` member: switch on `code`."
            + " State-changing requests need an allowed Origin.");
    merged.putArray("servers").addObject().put("url", "/");
    ObjectNode paths = merged.putObject("paths");
    ObjectNode components = merged.putObject("components");
    Map<String, JsonNode> tags = new LinkedHashMap<>();
    for (Part part : parts) {
      ObjectNode document = (ObjectNode) part.document().deepCopy();
      renameConflicts(part.name(), document, components);
      List<PathPattern> patterns = part.routedPatterns().stream().map(PARSER::parse).toList();
      JsonNode sourcePaths = document.path("paths");
      for (String path : sourcePaths.propertyNames()) {
        if (!routed(patterns, path)) {
          continue;
        }
        ObjectNode target = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
        JsonNode item = sourcePaths.get(path);
        for (String member : item.propertyNames()) {
          target.set(member, item.get(member));
        }
      }
      JsonNode sourceComponents = document.path("components");
      for (String section : sourceComponents.propertyNames()) {
        ObjectNode targetSection =
            components.has(section)
                ? (ObjectNode) components.get(section)
                : components.putObject(section);
        JsonNode entries = sourceComponents.get(section);
        for (String name : entries.propertyNames()) {
          targetSection.set(name, entries.get(name));
        }
      }
      for (JsonNode tag : document.path("tags")) {
        tags.putIfAbsent(tag.path("name").asString(), tag);
      }
    }
    if (!tags.isEmpty()) {
      ArrayNode tagArray = merged.putArray("tags");
      tags.values().forEach(tagArray::add);
    }
    documentLimits(paths, components.path("schemas").has("Problem"));
    pruneUnreferencedSchemas(merged);
    return merged;
  }

  /**
   * Each operation a gateway rate limit counts answers 429 {@code rate-limited}: added where the
   * service documents no 429, named beside the service's own codes where it does.
   */
  private void documentLimits(ObjectNode paths, boolean problemSchema) {
    for (String path : paths.propertyNames()) {
      PathContainer container = PathContainer.parsePath(path);
      ObjectNode item = (ObjectNode) paths.get(path);
      for (String method : item.propertyNames()) {
        if (!(item.get(method) instanceof ObjectNode operation) || !limited(method, container)) {
          continue;
        }
        ObjectNode responses =
            operation.get("responses") instanceof ObjectNode r
                ? r
                : operation.putObject("responses");
        if (responses.get("429") instanceof ObjectNode existing) {
          String description = existing.path("description").asString("");
          if (!description.contains("`rate-limited`")) {
            existing.put(
                "description", (description.isBlank() ? "" : description + " Or: ") + RATE_LIMITED);
          }
          continue;
        }
        ObjectNode tooMany = responses.putObject("429");
        tooMany.put("description", RATE_LIMITED);
        if (problemSchema) {
          tooMany
              .putObject("content")
              .putObject("application/problem+json")
              .putObject("schema")
              .put("$ref", REF_PREFIX + "schemas/Problem");
        }
      }
    }
  }

  private boolean limited(String method, PathContainer path) {
    for (Limit limit : limits) {
      if (limit.method().equalsIgnoreCase(method)
          && PARSER.parse(limit.pathPattern()).matches(path)) {
        return true;
      }
    }
    return false;
  }

  static boolean routed(List<PathPattern> patterns, String documentedPath) {
    PathContainer path = PathContainer.parsePath(documentedPath);
    for (PathPattern pattern : patterns) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Components already merged under the same name with another definition get a prefix. Repeated
   * until nothing more differs: a schema written alike in two services can still mean another thing
   * once a schema it refers to was renamed ({@code X} referring to {@code Y}, where only {@code Y}
   * differs), and would otherwise replace the first service's {@code X} with one that refers to the
   * second service's {@code Y}.
   */
  private static void renameConflicts(String service, ObjectNode document, ObjectNode merged) {
    JsonNode components = document.path("components");
    Set<String> renamed = new LinkedHashSet<>();
    while (true) {
      Map<String, String> renames = new LinkedHashMap<>();
      for (String section : components.propertyNames()) {
        ObjectNode entries = (ObjectNode) components.get(section);
        for (String name : List.copyOf(entries.propertyNames())) {
          if (renamed.contains(section + "/" + name)) {
            continue;
          }
          JsonNode existing = merged.path(section).get(name);
          if (existing != null && !existing.equals(entries.get(name))) {
            String newName = service + "_" + name;
            for (int n = 2; entries.has(newName) || merged.path(section).has(newName); n++) {
              // the prefixed name is taken (by this document or an earlier one): never overwrite
              newName = service + "_" + name + "_" + n;
            }
            renames.put(REF_PREFIX + section + "/" + name, REF_PREFIX + section + "/" + newName);
            renamed.add(section + "/" + newName);
            JsonNode value = entries.remove(name);
            entries.set(newName, value);
          }
        }
      }
      if (renames.isEmpty()) {
        return;
      }
      rewriteRefs(document, renames);
    }
  }

  private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
    if (node instanceof ObjectNode object) {
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isString() && renames.containsKey(ref.asString())) {
        object.set("$ref", StringNode.valueOf(renames.get(ref.asString())));
      }
      for (JsonNode child : object.values()) {
        rewriteRefs(child, renames);
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode child : array.values()) {
        rewriteRefs(child, renames);
      }
    }
  }

  /**
   * Schemas only an unrouted path used (the dev tools' outside the local profile, say) are dropped:
   * the public document describes nothing that cannot be reached.
   */
  private static void pruneUnreferencedSchemas(ObjectNode merged) {
    JsonNode schemas = merged.path("components").path("schemas");
    if (!(schemas instanceof ObjectNode schemaNode)) {
      return;
    }
    Set<String> reachable = new LinkedHashSet<>();
    List<JsonNode> pending = new ArrayList<>();
    pending.add(merged.path("paths"));
    for (String section : merged.path("components").propertyNames()) {
      if (!section.equals("schemas")) {
        pending.add(merged.path("components").get(section));
      }
    }
    while (!pending.isEmpty()) {
      JsonNode node = pending.removeLast();
      if (node.isObject()) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isString() && ref.asString().startsWith(REF_PREFIX + "schemas/")) {
          String name = ref.asString().substring((REF_PREFIX + "schemas/").length());
          if (reachable.add(name) && schemaNode.has(name)) {
            pending.add(schemaNode.get(name));
          }
        }
      }
      if (node.isContainer()) {
        for (JsonNode child : node.values()) {
          pending.add(child);
        }
      }
    }
    for (String name : List.copyOf(schemaNode.propertyNames())) {
      if (!reachable.contains(name)) {
        schemaNode.remove(name);
      }
    }
  }
}
