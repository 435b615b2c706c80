package dev.passbridge.platform.openapi;

import dev.passbridge.platform.core.problem.Problem;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What every Passbridge OpenAPI document says the same way, on swagger-core's model: the RFC 9457
 * {@code Problem} schema, the security schemes, and the problem answers the shared platform gives
 * for any operation (validation and malformed input 400, the Origin rule 403 and the size limit 413
 * on state-changing requests, 406 when {@code Accept} admits no JSON, 415 for a body that is not
 * JSON, 401/403 where a session or role is needed, 503 when a backing service is down). Answers an
 * operation already documents are left as they are.
 */
public final class PassbridgeOpenApi {
  private PassbridgeOpenApi() {}

  public static final String PROBLEM_SCHEMA = "Problem";
  public static final String PROBLEM_JSON = "application/problem+json";

  /** The session cookie auth-service sets ({@code passbridge.session.cookie-name}). */
  public static final String SESSION = "session";

  /** A connect API token, {@code Authorization: Bearer <token>} ({@code /connect/v1}). */
  public static final String CONNECT_TOKEN = "connectToken";

  /** A connect API client's id and secret as HTTP Basic ({@code /connect/v1}). */
  public static final String CONNECT_BASIC = "connectBasic";

  /** Where the partner API lives; its operations take a connect token or HTTP Basic. */
  public static final String CONNECT_PREFIX = "/connect/v1/";

  private static final Set<PathItem.HttpMethod> STATE_CHANGING =
      Set.of(
          PathItem.HttpMethod.POST,
          PathItem.HttpMethod.PUT,
          PathItem.HttpMethod.PATCH,
          PathItem.HttpMethod.DELETE);

  /** Info, the problem schema and the security schemes. */
  public static void describe(OpenAPI api, String service, String cookieName) {
    if (api.getInfo() == null) {
      api.setInfo(new Info());
    }
    api.getInfo()
        .title("Passbridge " + service)
        .version("v1")
        .description(
            "Errors are RFC 9457 problems (application/problem+json) with a stable `type`"
                + " (`https://passbridge.dev/problems/{code}`) and a `code` member: switch on `code`.");
    if (api.getComponents() == null) {
      api.setComponents(new Components());
    }
    api.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
    api.getComponents()
        .addSecuritySchemes(
            SESSION,
            new SecurityScheme()
                .type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.COOKIE)
                .name(cookieName)
                .description(
                    "The session cookie (HttpOnly, SameSite=Strict) set by POST /api/auth/session."))
        .addSecuritySchemes(
            CONNECT_TOKEN,
            new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description("A connect API token (Authorization: Bearer)."))
        .addSecuritySchemes(
            CONNECT_BASIC,
            new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("basic")
                .description("A connect API client's id and secret (HTTP Basic)."));
  }

  /**
   * The shared problem answers on every operation, and connect authentication on {@code
   * /connect/v1} operations that say nothing else.
   */
  public static void addSharedAnswers(OpenAPI api) {
    if (api.getPaths() == null) {
      return;
    }
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          if (path.startsWith(CONNECT_PREFIX)
                              && (operation.getSecurity() == null
                                  || operation.getSecurity().isEmpty())) {
                            operation
                                .addSecurityItem(new SecurityRequirement().addList(CONNECT_TOKEN))
                                .addSecurityItem(new SecurityRequirement().addList(CONNECT_BASIC));
                            problem(
                                operation,
                                401,
                                Problem.UNAUTHENTICATED,
                                "No valid connect credentials.");
                          }
                          boolean input =
                              operation.getRequestBody() != null
                                  || (operation.getParameters() != null
                                      && !operation.getParameters().isEmpty());
                          if (input) {
                            problem(
                                operation,
                                400,
                                "validation-failed",
                                "The input is not valid (also `malformed-request`).");
                          }
                          problem(
                              operation,
                              406,
                              "not-acceptable",
                              "The Accept header cannot be read, or admits neither"
                                  + " application/json nor application/problem+json (refused"
                                  + " before anything is done).");
                          if (operation.getRequestBody() != null) {
                            problem(
                                operation,
                                415,
                                "unsupported-media-type",
                                "The body is not application/json (a wildcard Content-Type"
                                    + " too).");
                          }
                          if (STATE_CHANGING.contains(method)) {
                            // the Connect server API is called by a backend: no Origin rule
                            if (!path.startsWith(CONNECT_PREFIX)) {
                              alsoProblem(
                                  operation,
                                  403,
                                  Problem.ORIGIN_NOT_ALLOWED,
                                  "The Origin header is missing, repeated or not on the allowlist.");
                            }
                            problem(
                                operation,
                                413,
                                Problem.PAYLOAD_TOO_LARGE,
                                "The body is larger than the limit.");
                          }
                          problem(
                              operation,
                              503,
                              Problem.SERVICE_UNAVAILABLE,
                              "A backing service is unavailable; retry after Retry-After.");
                        }));
  }

  /**
   * A property that refers to another schema and may be null, written as JSON Schema means it:
   * {@code anyOf: [{$ref}, {type: "null"}]}. swagger-core writes such a property
   * ({@code @Schema(nullable = true)} on a record component of another record's type) as {@code
   * {"type": "null", "$ref": ...}}; since a {@code $ref} beside other keywords must hold together
   * with them, no value, neither null nor an object, matches that. Rewritten wherever a schema can
   * sit inside a component schema: properties, array items, map values and the members of
   * compositions, at any depth; the annotations beside the reference (description, title, example,
   * read-only, ...) move to the wrapper.
   */
  public static void nullableReferences(OpenAPI api) {
    if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
      return;
    }
    java.util.Set<Schema<?>> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    api.getComponents().getSchemas().values().forEach(schema -> rewriteInside(schema, seen));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void rewriteInside(Schema<?> schema, java.util.Set<Schema<?>> seen) {
    if (schema == null || !seen.add(schema)) {
      return;
    }
    Map<String, Schema> properties = schema.getProperties();
    if (properties != null) {
      properties.replaceAll((name, property) -> rewritten(property, seen));
    }
    Schema items = schema.getItems();
    if (items != null) {
      schema.setItems(rewritten(items, seen));
    }
    if (schema.getAdditionalProperties() instanceof Schema values) {
      schema.setAdditionalProperties(rewritten(values, seen));
    }
    for (java.util.List<Schema> members :
        java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
      if (members != null) {
        members.replaceAll(member -> rewritten(member, seen));
      }
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema rewritten(Schema schema, java.util.Set<Schema<?>> seen) {
    if (schema == null) {
      return null;
    }
    if (schema.get$ref() == null || !mayBeNull(schema)) {
      rewriteInside(schema, seen);
      return schema;
    }
    Schema reference = new Schema<>().$ref(schema.get$ref());
    reference.setSpecVersion(schema.getSpecVersion());
    Schema none = new Schema<>();
    none.setSpecVersion(schema.getSpecVersion());
    none.addType("null");
    Schema nullable = new Schema<>();
    nullable.setSpecVersion(schema.getSpecVersion());
    nullable.setAnyOf(new java.util.ArrayList<>(java.util.List.of(reference, none)));
    nullable.setDescription(schema.getDescription());
    nullable.setTitle(schema.getTitle());
    nullable.setDeprecated(schema.getDeprecated());
    nullable.setReadOnly(schema.getReadOnly());
    nullable.setWriteOnly(schema.getWriteOnly());
    if (schema.getExample() != null || schema.getExampleSetFlag()) {
      nullable.setExample(schema.getExample());
    }
    if (schema.getExamples() != null) {
      nullable.setExamples(schema.getExamples());
    }
    if (schema.getExtensions() != null) {
      nullable.setExtensions(schema.getExtensions());
    }
    return nullable;
  }

  private static boolean mayBeNull(Schema<?> property) {
    return Boolean.TRUE.equals(property.getNullable())
        || "null".equals(property.getType())
        || (property.getTypes() != null && property.getTypes().contains("null"));
  }

  /**
   * The operation needs a valid session cookie (and, with {@code role}, that role). The role's 403
   * {@code forbidden} comes before the handler runs, so it is added to a 403 the operation
   * documents with its own codes ({@link #alsoProblem}).
   */
  public static void requireSession(Operation operation, String role) {
    operation.addSecurityItem(new SecurityRequirement().addList(SESSION));
    problem(operation, 401, Problem.UNAUTHENTICATED, "No valid session.");
    if (role != null && !role.isEmpty()) {
      alsoProblem(operation, 403, Problem.FORBIDDEN, "The session lacks the " + role + " role.");
    }
  }

  /**
   * The operation needs one of {@code schemes} (alternatives: any one of them is enough); without a
   * valid one it answers 401 {@code code}.
   */
  public static void requireAnyOf(
      Operation operation, String code, String description, String... schemes) {
    for (String scheme : schemes) {
      boolean present =
          operation.getSecurity() != null
              && operation.getSecurity().stream().anyMatch(r -> r.containsKey(scheme));
      if (!present) {
        operation.addSecurityItem(new SecurityRequirement().addList(scheme));
      }
    }
    problem(operation, 401, code, description);
  }

  /**
   * Adds a problem answer for {@code status} unless the operation documents that status already.
   */
  public static void problem(Operation operation, int status, String code, String description) {
    problem(operation, status, description, new String[] {code});
  }

  /**
   * Adds a problem answer for {@code status} with any of {@code codes} unless the operation
   * documents that status already (its own answer replaces the shared one: the rules API, for one,
   * answers its own 400 codes and never {@code validation-failed}).
   */
  public static void problem(Operation operation, int status, String description, String... codes) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    String key = Integer.toString(status);
    if (operation.getResponses().containsKey(key)) {
      return;
    }
    operation
        .getResponses()
        .addApiResponse(
            key,
            new ApiResponse()
                .description(describe(description, codes))
                .content(
                    new Content()
                        .addMediaType(
                            PROBLEM_JSON,
                            new MediaType()
                                .schema(
                                    new Schema<>()
                                        .$ref("#/components/schemas/" + PROBLEM_SCHEMA)))));
  }

  /**
   * Like {@link #problem(Operation, int, String, String)}, for an answer a filter gives before any
   * handler runs (the Origin rule's 403), so every operation it covers gives it whatever it answers
   * itself: an answer the operation documents with its own list of problem codes (in backticks, as
   * {@code @ProblemResponse} writes them, such as a role's {@code forbidden} or a login's {@code
   * login-started-elsewhere}) gets {@code code} added to it; one that names no code is kept.
   */
  static void alsoProblem(Operation operation, int status, String code, String description) {
    ApiResponse documented =
        operation.getResponses() == null
            ? null
            : operation.getResponses().get(Integer.toString(status));
    if (documented == null) {
      problem(operation, status, code, description);
      return;
    }
    String text = documented.getDescription();
    if (text != null && text.contains("`") && !text.contains("`" + code + "`")) {
      documented.setDescription(text + " Also: " + describe(description, code));
    }
  }

  private static String describe(String description, String... codes) {
    return description
        + (codes.length == 1 ? " Problem code: " : " Problem codes: ")
        + String.join(", ", java.util.Arrays.stream(codes).map(c -> "`" + c + "`").toList())
        + ".";
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  static Schema<?> problemSchema() {
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put(
        "type",
        new StringSchema().format("uri").description("`https://passbridge.dev/problems/{code}`"));
    properties.put("title", new StringSchema());
    properties.put("status", new IntegerSchema());
    properties.put("detail", new StringSchema());
    properties.put("instance", new StringSchema().format("uri-reference"));
    properties.put(
        "code", new StringSchema().description("The stable problem code clients switch on."));
    properties.put(
        "retryAfterSeconds",
        new IntegerSchema().description("On 429 and 503: the Retry-After header's seconds."));
    properties.put(
        "errors",
        new ObjectSchema()
            .additionalProperties(new StringSchema())
            .description("On validation-failed: the message per field."));
    ObjectSchema schema = new ObjectSchema();
    schema.setProperties(properties);
    schema.addRequiredItem("type");
    schema.addRequiredItem("status");
    schema.addRequiredItem("code");
    schema.setDescription("An RFC 9457 problem; further members may appear.");
    return schema;
  }
}
