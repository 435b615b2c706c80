package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.platform.secrets.RequiredSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * There is no Docker engine on the build machines, so this keeps {@code docker-compose.yml} in step
 * with the modules instead: every service present and built from its own jar, ports consistent with
 * the service's configuration, every backing service it uses supplied and awaited healthy, and
 * every environment variable bound to a property the service really has.
 */
class ComposeFileTest {
  static final Path ROOT = Path.of("..");
  static final List<String> SERVICES =
      List.of("auth-service", "otp-service", "intelligence-service", "passkey-service", "gateway");
  static final JsonNode COMPOSE = readWithMergeKeys(ROOT.resolve("docker-compose.yml"));

  static List<String> services() {
    return SERVICES;
  }

  @Test
  void infrastructureHasHealthchecks() {
    for (String infra : List.of("kafka", "redis", "postgres")) {
      assertThat(COMPOSE.at("/services/" + infra + "/healthcheck/test").isMissingNode())
          .as("%s healthcheck", infra)
          .isFalse();
    }
    assertThat(COMPOSE.at("/services/kafka/image").asString()).startsWith("apache/kafka:");
    // session revocations live in Redis: a restart without persistence revives logged-out sessions
    List<String> redis = new java.util.ArrayList<>();
    COMPOSE.at("/services/redis/command").forEach(a -> redis.add(a.asString()));
    assertThat(String.join(" ", redis)).contains("--appendonly yes");
    assertThat(COMPOSE.at("/services/redis/volumes").toString()).contains(":/data");
    assertThat(COMPOSE.at("/services/kafka/environment/KAFKA_PROCESS_ROLES").asString())
        .isEqualTo("broker,controller");
  }

  @ParameterizedTest
  @MethodSource("services")
  void serviceIsBuiltFromItsOwnExecutableJarOnItsConfiguredPort(String service) throws IOException {
    JsonNode s = COMPOSE.at("/services/" + service);
    assertThat(s.isMissingNode()).as("%s in docker-compose.yml", service).isFalse();
    assertThat(s.at("/build/args/SERVICE").asString()).isEqualTo(service);
    assertThat(s.at("/build/args/PORT").asString())
        .isEqualTo(String.valueOf(configuredPort(service)));
    assertThat(Files.readString(ROOT.resolve(service).resolve("pom.xml")))
        .as("the Dockerfile copies <service>-*-exec.jar")
        .contains("<classifier>exec</classifier>");
  }

  @ParameterizedTest
  @MethodSource("services")
  void everyBackingServiceIsSuppliedAndAwaitedHealthy(String service) throws IOException {
    Map<String, String> env = environment(service);
    String pom = Files.readString(ROOT.resolve(service).resolve("pom.xml"));
    if (pom.contains("<artifactId>platform</artifactId>")) {
      assertThat(env).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
      assertHealthyDependency(service, "kafka");
    }
    if (pom.contains("spring-boot-starter-data-redis")) {
      assertThat(env).containsEntry("SPRING_DATA_REDIS_HOST", "redis");
      assertHealthyDependency(service, "redis");
    }
    if (pom.contains("spring-boot-starter-jdbc")) {
      String url = env.get("SPRING_DATASOURCE_URL");
      assertThat(url).as("%s datasource", service).startsWith("jdbc:postgresql://postgres:5432/");
      String database = url.substring(url.lastIndexOf('/') + 1);
      assertThat(Files.readString(ROOT.resolve("deploy/postgres-init.sql")))
          .as("database %s is created", database)
          .contains("CREATE DATABASE " + database + ";");
      assertHealthyDependency(service, "postgres");
    }
    if (!service.equals("gateway")) {
      assertThat(env.get("PASSBRIDGE_SESSION_JWKSURI"))
          .isEqualTo(
              "http://auth-service:" + configuredPort("auth-service") + "/.well-known/jwks.json");
    }
  }

  @ParameterizedTest
  @MethodSource("services")
  void everyEnvironmentVariableBindsToAPropertyOfTheService(String service) throws IOException {
    Set<String> known = knownProperties(service);
    for (String variable : environment(service).keySet()) {
      if (variable.startsWith("SPRING_") || variable.equals("JAVA_TOOL_OPTIONS")) {
        continue; // Spring Boot's own
      }
      assertThat(known)
          .as("%s: %s binds to no documented or configured property", service, variable)
          .contains(variable);
    }
  }

  /**
   * A secret the service requires outside the local profile (passbridge.secrets.required) is set
   * here, from the environment: otherwise the container stops at start-up naming the variable.
   */
  @ParameterizedTest
  @MethodSource("services")
  void everySecretTheServiceRequiresIsSet(String service) {
    Map<String, String> env = environment(service);
    for (RequiredSecret secret : requiredSecrets(service)) {
      if (secret.applies(p -> env.getOrDefault(envForm(p), configured(service, p)))) {
        assertThat(env)
            .as("%s requires %s (%s)", service, secret.environmentVariable(), secret.property())
            .containsKey(secret.environmentVariable());
        assertThat(env.get(secret.environmentVariable())).matches(REQUIRED);
      }
    }
  }

  /** The secrets a service declares in its own file ({@code passbridge.secrets.required}). */
  static List<RequiredSecret> requiredSecrets(String service) {
    List<RequiredSecret> secrets = new java.util.ArrayList<>();
    read(ROOT.resolve(service + "/src/main/resources/" + service + ".yml"))
        .at("/passbridge/secrets/required")
        .forEach(entry -> secrets.add(RequiredSecret.parse(entry.asString())));
    return secrets;
  }

  /** A property's value in the service's own file, or null. */
  static String configured(String service, String property) {
    JsonNode value =
        read(ROOT.resolve(service + "/src/main/resources/" + service + ".yml"))
            .at("/" + property.replace('.', '/'));
    return value.isValueNode() ? value.asString() : null;
  }

  @Test
  void theServicesRequireTheirSecrets() {
    assertThat(requiredSecrets("otp-service")).hasSize(6);
    assertThat(requiredSecrets("auth-service")).hasSize(3);
    assertThat(requiredSecrets("passkey-service")).hasSize(2);
  }

  @Test
  void otpServiceHasItsSecretsAndAProvider() throws IOException {
    Map<String, String> env = environment("otp-service");
    assertThat(env).containsKey("PASSBRIDGE_OTP_HMACKEY");
    assertThat(env).containsEntry("PASSBRIDGE_OTP_SMS_SENDER", "http");
    assertThat(env.get("PASSBRIDGE_OTP_SMS_PROVIDER_URL")).startsWith("http://sms-provider:");
  }

  @Test
  void gatewayPublishesPort8080AndKnowsEveryServiceAtItsPort() throws IOException {
    JsonNode gateway = COMPOSE.at("/services/gateway");
    assertThat(gateway.path("ports").toString()).contains("8080:8080");
    // actuator is not on the gateway's public port: the container checks /readyz there
    assertThat(gateway.at("/build/args/HEALTH_PATH").asString()).isEqualTo("/readyz");
    JsonNode instances =
        JsonMapper.builder()
            .build()
            .readTree(environment("gateway").get("SPRING_APPLICATION_JSON"))
            .at("/spring/cloud/discovery/client/simple/instances");
    for (String service : SERVICES.subList(0, 4)) {
      assertThat(instances.path(service).path(0).path("uri").asString())
          .isEqualTo("http://" + service + ":" + configuredPort(service));
      assertHealthyDependency("gateway", service);
    }
  }

  /** Names of variables that carry a secret (passwords, keys, provider credentials). */
  static final Pattern SECRET_VARIABLE =
      Pattern.compile(
          ".*(PASSWORD|SECRET|TOKEN|HMACKEY|ENCRYPTIONKEY|CREDENTIAL|PROVIDER_USERNAME|_KEY$).*");

  private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]+}");

  /**
   * Variables that are empty unless an operator needs them ({@code ${VAR:-}}, empty default) and
   * hold no secret: the public keys of a login-result key rotation.
   */
  private static final Set<String> OPTIONAL = Set.of("PASSBRIDGE_LOGIN_RESULT_VERIFICATION_KEYS");

  @Test
  void everySecretIsRequiredFromTheEnvironmentNeverWrittenHere() {
    List<String> secrets = new java.util.ArrayList<>();
    COMPOSE
        .path("services")
        .properties()
        .forEach(
            service -> {
              for (var variable : environment(service.getKey()).entrySet()) {
                if (SECRET_VARIABLE.matcher(variable.getKey()).matches()) {
                  secrets.add(service.getKey() + " " + variable.getKey());
                  assertThat(variable.getValue())
                      .as("%s %s: ${VAR:?message}, no value", service.getKey(), variable.getKey())
                      .matches(REQUIRED);
                }
              }
            });
    assertThat(secrets)
        .contains(
            "postgres POSTGRES_PASSWORD",
            "otp-service PASSBRIDGE_OTP_HMACKEY",
            "otp-service PASSBRIDGE_OTP_SMS_PROVIDER_USERNAME",
            "otp-service PASSBRIDGE_OTP_SMS_PROVIDER_PASSWORD",
            "auth-service PASSBRIDGE_AUTH_DB_PASSWORD",
            "auth-service PASSBRIDGE_AUTH_KEYS_ENCRYPTIONKEY",
            "auth-service PASSBRIDGE_AUTH_LOGIN_USERNAMEHMACKEY",
            "passkey-service PASSBRIDGE_PASSKEY_DB_PASSWORD",
            "passkey-service PASSBRIDGE_LOGIN_RESULT_KEY");
  }

  @Test
  void noInterpolationFallsBackToADefaultSecret() throws IOException {
    Matcher interpolation =
        Pattern.compile("\\$\\{([A-Za-z0-9_]+)([^}]*)}").matcher(composeWithoutComments());
    int seen = 0;
    while (interpolation.find()) {
      seen++;
      if (OPTIONAL.contains(interpolation.group(1))) {
        assertThat(interpolation.group(2))
            .as("${%s...}: optional, empty by default", interpolation.group(1))
            .isEqualTo(":-");
        continue;
      }
      assertThat(interpolation.group(2))
          .as("${%s...}: required (:?), never a default", interpolation.group(1))
          .startsWith(":?");
    }
    assertThat(seen).isPositive();
  }

  @Test
  void envExampleListsEveryRequiredVariableWithoutAValue() throws IOException {
    Set<String> required = new java.util.TreeSet<>();
    Matcher m = REQUIRED.matcher(composeWithoutComments());
    while (m.find()) {
      required.add(m.group(1));
    }
    Map<String, String> example = new LinkedHashMap<>();
    for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int eq = line.indexOf('=');
        assertThat(eq).as(".env.example line %s", line).isPositive();
        example.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    required.addAll(OPTIONAL);
    assertThat(example.keySet()).isEqualTo(required);
    assertThat(example.values())
        .as("placeholders: empty until someone fills in .env")
        .allMatch(String::isEmpty);
    assertThat(Files.readString(ROOT.resolve(".gitignore")).lines()).contains(".env");
  }

  private static String composeWithoutComments() throws IOException {
    return Files.readAllLines(ROOT.resolve("docker-compose.yml")).stream()
        .filter(line -> !line.strip().startsWith("#"))
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  private static void assertHealthyDependency(String service, String dependency) {
    assertThat(
            COMPOSE
                .at("/services/" + service + "/depends_on/" + dependency + "/condition")
                .asString())
        .as("%s waits for %s to be healthy", service, dependency)
        .isEqualTo("service_healthy");
  }

  /** The service's environment (merge keys already resolved). */
  static Map<String, String> environment(String service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode node = COMPOSE.at("/services/" + service + "/environment");
    JsonNode merged = node.path("<<");
    if (merged.isObject()) {
      merged.properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
    }
    node.properties()
        .forEach(
            e -> {
              if (!e.getKey().equals("<<")) {
                env.put(e.getKey(), e.getValue().asString());
              }
            });
    return env;
  }

  static int configuredPort(String service) throws IOException {
    JsonNode config = read(ROOT.resolve(service + "/src/main/resources/" + service + ".yml"));
    return config.at("/server/port").asInt();
  }

  /**
   * Environment-variable forms of every passbridge.* property the service configures or documents
   * (relaxed binding: dots and dashes dropped to underscores / nothing, upper case).
   */
  static Set<String> knownProperties(String service) throws IOException {
    Set<String> names = new HashSet<>();
    Pattern property = Pattern.compile("passbridge\\.[a-z0-9.\\-\\[\\]]+");
    List<Path> sources = new java.util.ArrayList<>();
    sources.add(ROOT.resolve(service + "/src/main/resources/" + service + ".yml"));
    sources.add(ROOT.resolve("docs/services/" + service + ".md"));
    sources.add(ROOT.resolve("README.md"));
    for (Path source : sources) {
      if (!Files.exists(source)) {
        continue;
      }
      String text = Files.readString(source);
      Matcher m = property.matcher(text);
      while (m.find()) {
        names.add(envForm(m.group()));
      }
      if (source.toString().endsWith(".yml")) {
        flatten("", read(source), names);
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(text);
        while (placeholder.find()) {
          names.add(placeholder.group(1));
        }
      }
      // property tables in the docs list names relative to a prefix: `| `rules.rollout-percent` |`
      Matcher table = Pattern.compile("\\| `([a-z0-9.\\-]+)` \\|").matcher(text);
      while (table.find()) {
        names.add(envForm("passbridge." + prefixOf(service) + "." + table.group(1)));
      }
    }
    return names;
  }

  private static String prefixOf(String service) {
    return service.replace("-service", "");
  }

  private static void flatten(String prefix, JsonNode node, Set<String> into) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e ->
                  flatten(
                      prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                      e.getValue(),
                      into));
    } else {
      into.add(envForm(prefix));
    }
  }

  static String envForm(String property) {
    return property
        .replace("-", "")
        .replace(".", "_")
        .replaceAll("\\[\\d*]", "")
        .toUpperCase(Locale.ROOT);
  }

  /** SnakeYAML resolves YAML merge keys ({@code <<: *anchor}) the way Compose does. */
  private static JsonNode readWithMergeKeys(Path file) {
    try {
      Object yaml = new org.yaml.snakeyaml.Yaml().load(Files.readString(file));
      return JsonMapper.builder().build().valueToTree(yaml);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return YAMLMapper.builder().build().readTree(file.toFile());
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
