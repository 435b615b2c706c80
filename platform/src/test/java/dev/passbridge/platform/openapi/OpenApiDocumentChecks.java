package dev.passbridge.platform.openapi;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Holds a service's generated OpenAPI document against its controllers (for the services' tests,
 * from platform's test jar): every documented parameter is a request parameter of the handler (a
 * path variable, query parameter, header or cookie, never an argument a resolver supplies), and
 * every request body and success answer that is a record (or a list of records) refers to a schema
 * with that record's properties, nested records included; a 204 has no body. Two classes of one
 * simple name without their own {@code @Schema(name)} end in one schema that describes only one of
 * them; this finds it.
 */
public final class OpenApiDocumentChecks {
  private static final String SCHEMA_REF = "#/components/schemas/";

  private OpenApiDocumentChecks() {}

  /** What in {@code document} does not match the handlers; empty when all is well. */
  public static List<String> mismatches(
      JsonNode document, RequestMappingHandlerMapping handlerMapping) {
    List<String> found = new ArrayList<>();
    handlerMapping
        .getHandlerMethods()
        .forEach(
            (RequestMappingInfo info, HandlerMethod handler) -> {
              for (String pattern : info.getPatternValues()) {
                String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                  JsonNode operation =
                      document
                          .path("paths")
                          .path(path)
                          .path(method.name().toLowerCase(Locale.ROOT));
                  if (!operation.isMissingNode()) {
                    check(document, method + " " + path, operation, handler, found);
                  }
                }
              }
            });
    return found;
  }

  private static void check(
      JsonNode document,
      String where,
      JsonNode operation,
      HandlerMethod handler,
      List<String> found) {
    Set<String> requestParameters = new HashSet<>();
    for (MethodParameter parameter : handler.getMethodParameters()) {
      parameter.initParameterNameDiscovery(
          new org.springframework.core.DefaultParameterNameDiscoverer());
      String name = parameter.getParameterName();
      RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
      PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
      RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
      CookieValue cookie = parameter.getParameterAnnotation(CookieValue.class);
      if (query != null) {
        requestParameters.add("query " + or(query.name(), name));
      } else if (variable != null) {
        requestParameters.add("path " + or(variable.name(), name));
      } else if (header != null) {
        requestParameters.add("header " + or(header.name(), name).toLowerCase(Locale.ROOT));
      } else if (cookie != null) {
        requestParameters.add("cookie " + or(cookie.name(), name));
      }
      if (parameter.hasParameterAnnotation(RequestBody.class)) {
        JsonNode schema =
            operation.path("requestBody").path("content").path("application/json").path("schema");
        matches(
            document,
            where + " request body",
            schema,
            parameter.getGenericParameterType(),
            new HashSet<>(),
            found);
      }
    }
    for (JsonNode parameter : operation.path("parameters")) {
      String in = parameter.path("in").asString();
      String name = parameter.path("name").asString();
      String key = in + " " + (in.equals("header") ? name.toLowerCase(Locale.ROOT) : name);
      if (!requestParameters.contains(key)) {
        found.add(
            where
                + " documents the "
                + in
                + " parameter `"
                + name
                + "`, which is not a request parameter of "
                + handler.getShortLogMessage());
      }
    }
    ApiResponse[] declared =
        AnnotatedElementUtils.findMergedRepeatableAnnotations(
                handler.getMethod(), ApiResponse.class)
            .toArray(ApiResponse[]::new);
    for (String status : operation.path("responses").propertyNames()) {
      if (!status.startsWith("2")) {
        continue;
      }
      JsonNode content = operation.path("responses").path(status).path("content");
      if (status.equals("204") && !content.isEmpty()) {
        found.add(where + " answer 204 has a body: " + content.propertyNames());
      }
      for (String mediaType : content.propertyNames()) {
        if (mediaType.contains("problem")) {
          continue;
        }
        Type type =
            Arrays.stream(declared)
                .filter(a -> a.responseCode().equals(status))
                .flatMap(a -> Arrays.stream(a.content()))
                .map(c -> (Type) c.schema().implementation())
                .filter(c -> c != Void.class)
                .findFirst()
                .orElse(handler.getReturnType().getGenericParameterType());
        matches(
            document,
            where + " answer " + status,
            content.path(mediaType).path("schema"),
            type,
            new HashSet<>(),
            found);
      }
    }
  }

  private static void matches(
      JsonNode document,
      String where,
      JsonNode schema,
      Type type,
      Set<String> seen,
      List<String> found) {
    type = unwrap(type);
    Class<?> raw = raw(type);
    if (raw == null) {
      return;
    }
    String name = refName(schema);
    JsonNode resolved =
        name == null ? schema : document.path("components").path("schemas").path(name);
    if (Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
      matches(
          document,
          where + "[]",
          resolved.path("items"),
          p.getActualTypeArguments()[0],
          seen,
          found);
      return;
    }
    if (!raw.isRecord() || !seen.add(raw.getName())) {
      return;
    }
    Set<String> expected = new TreeSet<>();
    for (RecordComponent component : raw.getRecordComponents()) {
      expected.add(component.getName());
    }
    Set<String> actual = new TreeSet<>(resolved.path("properties").propertyNames());
    if (!expected.equals(actual)) {
      found.add(
          where
              + ": schema "
              + (name == null ? "(inline)" : name)
              + " has the properties "
              + actual
              + " but "
              + raw.getName()
              + " has "
              + expected);
      return;
    }
    for (RecordComponent component : raw.getRecordComponents()) {
      matches(
          document,
          where + "." + component.getName(),
          resolved.path("properties").path(component.getName()),
          component.getGenericType(),
          seen,
          found);
    }
  }

  /** The operation's 2xx statuses, in the document's order. */
  public static List<String> successStatuses(JsonNode operation) {
    List<String> statuses = new ArrayList<>();
    for (String status : operation.path("responses").propertyNames()) {
      if (status.startsWith("2")) {
        statuses.add(status);
      }
    }
    return statuses;
  }

  /**
   * The description of the operation's problem answer of {@code status} (it names the codes), or
   * null when the status has no {@code application/problem+json} answer.
   */
  public static String problem(JsonNode operation, int status) {
    JsonNode response = operation.path("responses").path(Integer.toString(status));
    return response.path("content").has(PassbridgeOpenApi.PROBLEM_JSON)
        ? response.path("description").asString()
        : null;
  }

  /**
   * The operation {@code method} {@code path} of the document; fails when the document lacks it.
   */
  public static JsonNode operation(JsonNode document, String method, String path) {
    JsonNode operation = document.path("paths").path(path).path(method);
    if (operation.isMissingNode()) {
      throw new AssertionError("the document has no operation " + method + " " + path);
    }
    return operation;
  }

  /** The security schemes the operation's requirements name (each requirement is one way in). */
  public static List<String> securitySchemes(JsonNode operation) {
    List<String> schemes = new ArrayList<>();
    for (JsonNode requirement : operation.path("security")) {
      schemes.addAll(requirement.propertyNames());
    }
    return schemes;
  }

  /** The schema name a request body or answer's JSON content refers to (null: none). */
  public static String jsonSchemaName(JsonNode bodyOrResponse) {
    return refName(bodyOrResponse.path("content").path("application/json").path("schema"));
  }

  /** The schema name a schema refers to (null: an inline schema). */
  public static String schemaName(JsonNode schema) {
    return refName(schema);
  }

  /**
   * A {@code $ref}'s schema name, also inside a one-element {@code allOf}/{@code oneOf}, or beside
   * {@code {"type": "null"}} in an {@code anyOf}/{@code oneOf} (a nullable reference).
   */
  private static String refName(JsonNode schema) {
    String ref = schema.path("$ref").asString("");
    if (ref.startsWith(SCHEMA_REF)) {
      return ref.substring(SCHEMA_REF.length());
    }
    for (String wrapper : List.of("allOf", "oneOf", "anyOf")) {
      List<JsonNode> parts = new ArrayList<>();
      for (JsonNode part : schema.path(wrapper)) {
        if (!wrapper.equals("allOf") && OpenApiAnswerChecks.onlyNull(part)) {
          continue;
        }
        parts.add(part);
      }
      if (parts.size() == 1) {
        return refName(parts.get(0));
      }
    }
    return null;
  }

  /** The body type of {@code ResponseEntity<T>}, {@code DeferredResult<T>} (nested too). */
  private static Type unwrap(Type type) {
    while (type instanceof ParameterizedType p
        && (HttpEntity.class.isAssignableFrom((Class<?>) p.getRawType())
            || DeferredResult.class.isAssignableFrom((Class<?>) p.getRawType()))) {
      type = p.getActualTypeArguments()[0];
    }
    return type;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    if (type instanceof WildcardType) {
      return null;
    }
    return null;
  }

  private static String or(String declared, String parameterName) {
    return declared == null || declared.isEmpty() ? parameterName : declared;
  }
}
