package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.routing.DevToolsProperties;
import dev.passbridge.gateway.routing.RoutingProperties;
import dev.passbridge.gateway.routing.ServiceRoutes;
import dev.passbridge.launcher.Launcher;
import dev.passbridge.platform.session.CurrentSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the public OpenAPI document ({@code GET /api-docs} at the gateway) in step with the HTTP
 * contract, both derived from the running code, so a new controller or route is covered without
 * editing this test: every request mapping of every service that the gateway's {@link
 * ServiceRoutes} route is documented (with its method, the session requirement where it takes a
 * {@code @CurrentSession}, and problem answers), and every documented operation exists (a request
 * to it, at the gateway and at the service, does not end in routing's 404 {@code not-found} or a
 * 405).
 */
class OpenApiContractIT {
  static final List<String> SERVICES =
      List.of("auth-service", "otp-service", "intelligence-service", "passkey-service");
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

  /** Stands for every path variable: shaped like the ids the API uses. */
  static final String VARIABLE = "00000000-0000-4000-8000-000000000000";

  /** One request mapping of a service: a method (null = any) and a path pattern. */
  record Mapping(String service, String method, String path, boolean session) {}

  static Launcher launcher;
  static List<ServiceRoutes.Route> routes;
  static JsonNode document;

  @BeforeAll
  static void readTheDocumentAndTheRoutes() throws Exception {
    launcher = PassbridgeSystem.get();
    var gateway = launcher.context("gateway");
    routes =
        ServiceRoutes.of(
            gateway.getBean(RoutingProperties.class),
            gateway.getBean(DevToolsProperties.class).enabled());
    HttpResponse<String> response = get(launcher.url() + "/api-docs");
    assertThat(response.statusCode()).as("GET /api-docs").isEqualTo(200);
    document = JSON.readTree(response.body());
    // kept for whoever reads or edits the API: the public document as the running code gives it
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "api-docs.json"), response.body());
  }

  @Test
  void theDocumentsAreOpenApi31() throws Exception {
    assertThat(document.path("openapi").asString()).startsWith("3.1");
    for (String service : SERVICES) {
      HttpResponse<String> own = get(serviceUrl(service) + "/v3/api-docs");
      assertThat(own.statusCode()).as("%s /v3/api-docs", service).isEqualTo(200);
      assertThat(JSON.readTree(own.body()).path("openapi").asString())
          .as("%s's document version", service)
          .startsWith("3.1");
    }
  }

  @Test
  void everyRoutedRequestMappingIsDocumented() {
    List<Mapping> routed = routedMappings();
    assertThat(routed).as("request mappings the gateway routes").hasSizeGreaterThan(10);
    List<String> missing = new ArrayList<>();
    for (Mapping m : routed) {
      JsonNode item = document.path("paths").path(m.path());
      if (item.isMissingNode()) {
        missing.add(m.service() + ": " + m.path() + " is not documented");
        continue;
      }
      if (m.method() == null) {
        continue;
      }
      JsonNode operation = item.path(m.method().toLowerCase(Locale.ROOT));
      if (operation.isMissingNode()) {
        missing.add(m.service() + ": " + m.method() + " " + m.path() + " is not documented");
        continue;
      }
      if (m.session() && !requires(operation, "session")) {
        missing.add(m.method() + " " + m.path() + " takes a session but does not say so");
      }
      if (!hasProblemAnswer(operation)) {
        missing.add(m.method() + " " + m.path() + " documents no problem answer");
      }
    }
    assertThat(missing).as("the code's public routes against /api-docs").isEmpty();
  }

  @Test
  void everyDocumentedOperationExists() throws Exception {
    List<String> unknown = new ArrayList<>();
    Set<String> documented = new TreeSet<>(document.path("paths").propertyNames());
    assertThat(documented).as("documented paths").hasSizeGreaterThan(10);
    for (String path : documented) {
      String service = serviceOf(path);
      if (service == null) {
        unknown.add(path + " is documented but the gateway routes it nowhere");
        continue;
      }
      JsonNode item = document.path("paths").path(path);
      for (String method : item.propertyNames()) {
        if (!HTTP_METHODS.contains(method)) {
          continue;
        }
        String concrete = path.replaceAll("\\{[^}]+}", VARIABLE);
        for (String base : List.of(launcher.url(), serviceUrl(service))) {
          HttpResponse<String> response = send(method.toUpperCase(Locale.ROOT), base + concrete);
          if (response.statusCode() == 405
              || (response.statusCode() == 404 && code(response).equals("not-found"))) {
            unknown.add(
                method.toUpperCase(Locale.ROOT)
                    + " "
                    + path
                    + " at "
                    + (base.equals(launcher.url()) ? "the gateway" : service)
                    + ": "
                    + response.statusCode()
                    + " "
                    + response.body());
          }
        }
      }
    }
    assertThat(unknown).as("documented operations that do not exist").isEmpty();
  }

  /**
   * The rules API through the gateway answers what the public document declares: the document named
   * only the shared 400 {@code validation-failed} for {@code PUT /api/insights/rules} and its
   * preview (they answer {@code invalid-rules} and {@code invalid-preview}), no 409 {@code
   * rules-version-conflict} and no 202, and an untyped {@code *}{@code /*} body for the 200. Every
   * request here is refused, so nothing changes.
   */
  @Test
  void theRulesApiAnswersWhatTheDocumentDeclares() {
    JsonNode put = document.path("paths").path("/api/insights/rules").path("put");
    JsonNode preview = document.path("paths").path("/api/insights/rules/preview").path("post");
    for (String status : List.of("200", "202")) {
      JsonNode answer = put.path("responses").path(status);
      assertThat(answer.path("content").propertyNames())
          .as("PUT /api/insights/rules %s", status)
          .containsExactly("application/json");
      assertThat(answer.path("content").path("application/json").path("schema").toString())
          .as("PUT /api/insights/rules %s", status)
          .contains("RulesSnapshot");
    }
    assertThat(documentedCodes(put, 400)).containsExactly("invalid-rules");
    assertThat(documentedCodes(put, 409)).containsExactly("rules-version-conflict");
    assertThat(documentedCodes(preview, 400)).containsExactly("invalid-preview");

    Browser admin = new Browser(launcher.url(), Browser.FIREFOX_WINDOWS);
    Journeys.passwordLogin(
        admin, new Journeys.User(null, "admin", "passbridge-admin-1"), false, Map.of());
    long version = admin.get("/api/insights/rules").body().path("version").asLong();
    Browser.Response invalid = admin.put("/api/insights/rules", Map.of("rolloutPercent", 150));
    assertThat(invalid.status()).as("%s", invalid).isEqualTo(400);
    assertThat(documentedCodes(put, 400)).contains(invalid.text("code"));
    Browser.Response stale =
        admin.put(
            "/api/insights/rules",
            Map.of("rules", Map.of("rolloutPercent", 1), "expectedVersion", version + 100));
    assertThat(stale.status()).as("%s", stale).isEqualTo(409);
    assertThat(documentedCodes(put, 409)).contains(stale.text("code"));
    Browser.Response badPreview =
        admin.post("/api/insights/rules/preview", Map.of("login", Map.of("platform", 5)));
    assertThat(badPreview.status()).as("%s", badPreview).isEqualTo(400);
    assertThat(documentedCodes(preview, 400)).contains(badPreview.text("code"));
    assertThat(admin.get("/api/insights/rules").body().path("version").asLong()).isEqualTo(version);
  }

  /**
   * The problem codes an operation's answer of {@code status} names: the description's closing
   * "Problem code(s): `a`, `b`." (platform's {@code PassbridgeOpenApi.problem}).
   */
  static List<String> documentedCodes(JsonNode operation, int status) {
    JsonNode response = operation.path("responses").path(Integer.toString(status));
    String description = response.path("description").asString("");
    int codes = description.lastIndexOf("Problem code");
    if (!response.path("content").has("application/problem+json") || codes < 0) {
      return List.of();
    }
    return java.util.regex.Pattern.compile("`([a-z0-9-]+)`")
        .matcher(description.substring(codes))
        .results()
        .map(m -> m.group(1))
        .toList();
  }

  static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** Every service's request mappings that a gateway route's path pattern takes. */
  static List<Mapping> routedMappings() {
    List<PathPattern> patterns =
        routes.stream().flatMap(r -> r.paths().stream()).map(PARSER::parse).toList();
    List<Mapping> mappings = new ArrayList<>();
    for (String service : SERVICES) {
      RequestMappingHandlerMapping handlers =
          launcher
              .context(service)
              .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
      handlers
          .getHandlerMethods()
          .forEach(
              (RequestMappingInfo info, HandlerMethod handler) -> {
                boolean session =
                    java.util.Arrays.stream(handler.getMethodParameters())
                        .anyMatch(p -> p.hasParameterAnnotation(CurrentSession.class));
                for (String path : info.getPatternValues()) {
                  String documentedForm = path.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                  PathContainer container = PathContainer.parsePath(documentedForm);
                  if (patterns.stream().noneMatch(p -> p.matches(container))) {
                    continue;
                  }
                  Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                  if (methods.isEmpty()) {
                    mappings.add(new Mapping(service, null, documentedForm, session));
                  }
                  for (RequestMethod method : methods) {
                    mappings.add(new Mapping(service, method.name(), documentedForm, session));
                  }
                }
              });
    }
    return mappings;
  }

  /** The service whose route takes this path (the first route, as the gateway matches). */
  static String serviceOf(String path) {
    PathContainer container = PathContainer.parsePath(path);
    for (ServiceRoutes.Route route : routes) {
      for (String pattern : route.paths()) {
        if (PARSER.parse(pattern).matches(container)) {
          return switch (route.id()) {
            case "auth" -> "auth-service";
            case "otp", "dev" -> "otp-service";
            case "passkey" -> "passkey-service";
            case "insights" -> "intelligence-service";
            default -> serviceByUri(route.service());
          };
        }
      }
    }
    return null;
  }

  /** A route added later: its {@code lb://<service-id>}. */
  static String serviceByUri(URI uri) {
    return uri.getHost();
  }

  static boolean requires(JsonNode operation, String scheme) {
    for (JsonNode requirement : operation.path("security")) {
      if (requirement.has(scheme)) {
        return true;
      }
    }
    return false;
  }

  static boolean hasProblemAnswer(JsonNode operation) {
    for (JsonNode response : operation.path("responses")) {
      if (response.path("content").has("application/problem+json")) {
        return true;
      }
    }
    return false;
  }

  static String serviceUrl(String service) {
    return "http://127.0.0.1:"
        + launcher.context(service).getEnvironment().getRequiredProperty("local.server.port");
  }

  static String code(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).path("code").asString("");
    } catch (RuntimeException notJson) {
      return "";
    }
  }

  static HttpResponse<String> get(String url) throws Exception {
    return send("GET", url);
  }

  static HttpResponse<String> send(String method, String url) throws Exception {
    boolean body = Set.of("POST", "PUT", "PATCH").contains(method);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Origin", launcher.url())
            .header("Accept", "application/json")
            .method(
                method,
                body
                    ? HttpRequest.BodyPublishers.ofString("{}")
                    : HttpRequest.BodyPublishers.noBody());
    if (body) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
