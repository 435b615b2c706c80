package dev.passbridge.launcher;

import dev.passbridge.auth.AuthApplication;
import dev.passbridge.gateway.GatewayApplication;
import dev.passbridge.intelligence.IntelligenceApplication;
import dev.passbridge.otp.OtpApplication;
import dev.passbridge.passkey.PasskeyApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Runs the whole of Passbridge in one JVM (docs/architecture.md §8): a real single-node Kafka
 * broker (KRaft), a real Redis server, H2 databases in PostgreSQL mode, the demo users, and the
 * five services, each a Spring Boot application with its own configuration file and port, and the
 * example shop of Connect mode ({@code examples/shop}) beside them as a platform of its own. SIGINT
 * or SIGTERM stops everything in order (shop, gateway, services, Kafka, Redis) and leaves no
 * process behind.
 *
 * <p>Settings (system property, or the environment variable in brackets): {@code
 * passbridge.gateway-port} (PASSBRIDGE_GATEWAY_PORT, 8080), {@code passbridge.kafka-port}
 * (PASSBRIDGE_KAFKA_PORT, 9092), {@code passbridge.redis-port} (PASSBRIDGE_REDIS_PORT, 6379, a free
 * port if taken), {@code passbridge.service-port-base} (PASSBRIDGE_SERVICE_PORT_BASE, 8081: auth,
 * then otp, intelligence, passkey; base + 8 is the gateway's actuator port, base + 9 the example
 * shop's), {@code passbridge.state-dir} (PASSBRIDGE_STATE_DIR, {@code .passbridge} in the working
 * directory), {@code passbridge.example-shop} (PASSBRIDGE_EXAMPLE_SHOP, {@code true}: start the
 * example shop), {@code passbridge.parallel-starts} (PASSBRIDGE_PARALLEL_STARTS, the number of
 * cores, at most 4: how many of the four servlet services start side by side; the gateway starts
 * once they all listen, the example shop after it). With {@code -Dpassbridge.exit-after-start=true}
 * it stops again as soon as everything is up: the training run of the JDK's AOT cache.
 */
public final class Launcher implements AutoCloseable {

  /**
   * Auto-configurations that the shared classpath would otherwise switch on in the wrong service.
   */
  static final List<String> DATABASE =
      List.of(
          "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
          "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

  static final List<String> MODULITH_EVENTS =
      List.of(
          "org.springframework.modulith.events.config.EventExternalizationAutoConfiguration",
          "org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
          "org.springframework.modulith.events.jackson.JacksonEventSerializationConfiguration",
          "org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration",
          "org.springframework.modulith.events.kafka.KafkaEventExternalizerConfiguration",
          "org.springframework.modulith.events.kafka.KafkaJacksonConfiguration",
          "org.springframework.modulith.moments.autoconfigure.MomentsAutoConfiguration",
          "org.springframework.modulith.core.config.ApplicationModuleInitializerRuntimeVerification");

  static final List<String> KAFKA =
      List.of(
          "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
          "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration",
          "dev.passbridge.platform.kafka.PassbridgeKafkaAutoConfiguration",
          "dev.passbridge.platform.web.PassbridgeWebAutoConfiguration");

  /**
   * The example shop brings Spring Security and Thymeleaf onto the shared classpath: they are the
   * shop's, never the services' (whose own rules are their filters).
   */
  static final List<String> SECURITY_AND_TEMPLATES =
      List.of(
          "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.rsocket.RSocketSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
          "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration");

  /** The services' infrastructure, which the example shop does not use (it talks HTTP only). */
  static final List<String> REDIS =
      List.of(
          "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
          "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
          "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
          "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
          "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
          "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration");

  /** The demo Connect client of the local profile: the example shop. */
  static final String SHOP_CLIENT_ID = "shop";

  static final String SHOP_CLIENT_SECRET = "shop-local-secret";

  /** The gateway is reactive (Netty); the servlet services bring Tomcat onto the classpath. */
  static final List<String> TOMCAT =
      List.of(
          "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration",
          "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatServletManagementContextAutoConfiguration",
          "org.springframework.boot.tomcat.autoconfigure.metrics.TomcatMetricsAutoConfiguration",
          "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
          "org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration");

  static final List<String> GATEWAY =
      List.of(
          "org.springframework.cloud.gateway.config.GatewayAutoConfiguration",
          "org.springframework.cloud.gateway.config.GatewayClassPathWarningAutoConfiguration",
          "org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration",
          "org.springframework.cloud.gateway.config.GatewayReactiveLoadBalancerClientAutoConfiguration",
          "org.springframework.cloud.gateway.config.GatewayMetricsAutoConfiguration",
          "org.springframework.cloud.gateway.discovery.GatewayDiscoveryClientAutoConfiguration");

  record Service(
      String name,
      Class<?> application,
      int port,
      WebApplicationType type,
      List<List<String>> excluded) {}

  /**
   * Where the launcher puts things.
   *
   * @param overrides extra properties for every service (tests use them to tune limits and rules)
   * @param serviceOverrides extra properties for one service, by service name ({@code
   *     auth-service}, ..., {@code gateway}); they outrank {@code overrides} (fault tests point a
   *     service at PostgreSQL this way)
   * @param extraInstances more instances of a service, by service name, as base URIs ({@code
   *     http://localhost:28081}) that the gateway balances over together with the in-process one;
   *     the caller runs them (fault and scale-out tests start them as separate processes)
   */
  public record Settings(
      int gatewayPort,
      int kafkaPort,
      int redisPort,
      int servicePortBase,
      Path stateDir,
      Map<String, String> overrides,
      Map<String, Map<String, String>> serviceOverrides,
      Map<String, List<String>> extraInstances) {

    public Settings {
      overrides = Map.copyOf(overrides);
      Map<String, Map<String, String>> perService = new LinkedHashMap<>();
      serviceOverrides.forEach((service, values) -> perService.put(service, Map.copyOf(values)));
      serviceOverrides = Map.copyOf(perService);
      Map<String, List<String>> extra = new LinkedHashMap<>();
      extraInstances.forEach((service, uris) -> extra.put(service, List.copyOf(uris)));
      extraInstances = Map.copyOf(extra);
    }

    /** One in-process instance per service, the same properties for all of them. */
    public Settings(
        int gatewayPort,
        int kafkaPort,
        int redisPort,
        int servicePortBase,
        Path stateDir,
        Map<String, String> overrides) {
      this(
          gatewayPort,
          kafkaPort,
          redisPort,
          servicePortBase,
          stateDir,
          overrides,
          Map.of(),
          Map.of());
    }

    public static Settings fromEnvironment() {
      return new Settings(
          Integer.parseInt(setting("passbridge.gateway-port", "8080")),
          Integer.parseInt(setting("passbridge.kafka-port", "9092")),
          Integer.parseInt(setting("passbridge.redis-port", "6379")),
          Integer.parseInt(setting("passbridge.service-port-base", "8081")),
          Path.of(setting("passbridge.state-dir", ".passbridge")),
          Map.of());
    }
  }

  private final Settings settings;
  private final Path stateDir;
  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
  private final Map<String, Map<String, String>> serviceProperties =
      new java.util.concurrent.ConcurrentHashMap<>();
  private LocalKafka kafka;
  private LocalRedis redis;
  private volatile boolean closed;
  private volatile boolean shopStarted;

  private Launcher(Settings settings) {
    this.settings = settings;
    this.stateDir = settings.stateDir();
  }

  /** Starts Kafka, Redis and the five services; close the result to stop them all. */
  public static Launcher start(Settings settings, String... args) throws Exception {
    Launcher launcher = new Launcher(settings);
    try {
      launcher.startAll(args);
      return launcher;
    } catch (Exception | Error e) {
      launcher.closeQuietly();
      throw e;
    }
  }

  /**
   * The gateway's actuator port: the service port base + 8 (8089 by default; 8090 is the example
   * shop's).
   */
  public int gatewayManagementPort() {
    return settings.servicePortBase() + 8;
  }

  /** The example shop's port: the service port base + 9 (8090 by default). */
  public int shopPort() {
    return settings.servicePortBase() + 9;
  }

  /** The example shop's URL (a Connect client of this system), or empty when it is not started. */
  public java.util.Optional<String> shopUrl() {
    return shopStarted
        ? java.util.Optional.of("http://localhost:" + shopPort())
        : java.util.Optional.empty();
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public int redisPort() {
    return redis.port();
  }

  /**
   * The properties the launcher passed to one service ({@code auth-service}, ..., {@code gateway})
   * on its command line: what another instance of that service needs (with its own {@code
   * server.port}) to join this system, e.g. when started from the service's executable jar.
   */
  public Map<String, String> serviceProperties(String service) {
    Map<String, String> properties = serviceProperties.get(service);
    if (properties == null) {
      throw new IllegalArgumentException("no service " + service);
    }
    return properties;
  }

  /** Stops the Kafka broker, keeping its data (topics, offsets, consumer groups). */
  public void stopKafka() {
    kafka.stop();
  }

  /** Starts the stopped Kafka broker again on the same ports with the same data. */
  public void startKafka() {
    kafka.start();
  }

  /** Stops the Redis server; everything in it is lost. */
  public void stopRedis() throws IOException {
    redis.stop();
  }

  /** Starts the Redis server again on the same port, empty. */
  public void startRedis() throws IOException {
    redis.start();
  }

  /** The running context of one service ({@code auth-service}, ..., {@code gateway}). */
  public synchronized ConfigurableApplicationContext context(String service) {
    return contexts.stream()
        .filter(c -> service.equals(c.getEnvironment().getProperty("spring.config.name")))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + service));
  }

  /**
   * Stops one service and lets go of its context. A closed context still holds its bean factory's
   * post-processors and, through the web server's registrations, its controllers and what they
   * hold: kept in this launcher's list, a stopped auth-service kept its user-agent analyser (about
   * 110 MB) on the heap. The benchmark measures each service's share of the heap this way.
   */
  public synchronized void closeService(String service) {
    ConfigurableApplicationContext context = context(service);
    contexts.remove(context);
    context.close();
  }

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    quietInfrastructureLogs();
    Launcher launcher = new Launcher(Settings.fromEnvironment());
    Runtime.getRuntime().addShutdownHook(new Thread(launcher::closeQuietly, "passbridge-shutdown"));
    try {
      launcher.startAll(args);
    } catch (Exception e) {
      System.err.println("Passbridge failed to start: " + e);
      e.printStackTrace();
      launcher.closeQuietly();
      System.exit(1);
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "%nPassbridge is up in %.1f s: open %s%n(demo users: alice / passbridge-alice-1, admin /"
            + " passbridge-admin-1; SMS codes at %s/dev-sms.html; the HTTP API at %s/swagger-ui.html;"
            + " Ctrl-C stops everything)%n",
        ms / 1000.0, launcher.url(), launcher.url(), launcher.url());
    launcher
        .shopUrl()
        .ifPresent(
            shop ->
                System.out.printf(
                    "Example shop (Connect mode): open %s%n(alice@shop.example / shop-alice-1, bob@shop.example"
                        + " / shop-bob-1; codes at %s/dev/mail)%n",
                    shop, shop));
    System.out.println();
    if (Boolean.getBoolean("passbridge.exit-after-start")) {
      // the training run of the JDK's AOT cache (launcher/pom.xml, profile aot): everything
      // started once, then stopped; the cache is written when the JVM exits
      launcher.closeQuietly();
      System.exit(0);
    }
  }

  public String url() {
    // as a browser writes the origin: no default port (the origin lists are compared exactly)
    int port = settings.gatewayPort();
    return port == 80 ? "http://localhost" : "http://localhost:" + port;
  }

  private void startAll(String[] args) throws Exception {
    int gatewayPort = settings.gatewayPort();
    int kafkaPort = settings.kafkaPort();
    int redisPort = settings.redisPort();
    int base = settings.servicePortBase();
    checkPorts(settings, exampleShop(args));
    Files.createDirectories(stateDir);

    System.out.println("Starting Kafka (KRaft) on localhost:" + kafkaPort + " ...");
    kafka =
        new LocalKafka(
            kafkaPort, kafkaPort + 1, stateDir.resolve("kafka-" + ProcessHandle.current().pid()));
    redis = new LocalRedis(redisPort, stateDir);
    System.out.println("Redis on 127.0.0.1:" + redis.port());

    List<Service> services =
        List.of(
            new Service(
                "auth-service",
                AuthApplication.class,
                base,
                WebApplicationType.SERVLET,
                List.of(MODULITH_EVENTS, GATEWAY, SECURITY_AND_TEMPLATES)),
            new Service(
                "otp-service",
                OtpApplication.class,
                base + 1,
                WebApplicationType.SERVLET,
                List.of(DATABASE, MODULITH_EVENTS, GATEWAY, SECURITY_AND_TEMPLATES)),
            new Service(
                "intelligence-service",
                IntelligenceApplication.class,
                base + 2,
                WebApplicationType.SERVLET,
                List.of(DATABASE, MODULITH_EVENTS, GATEWAY, SECURITY_AND_TEMPLATES)),
            new Service(
                "passkey-service",
                PasskeyApplication.class,
                base + 3,
                WebApplicationType.SERVLET,
                List.of(GATEWAY, SECURITY_AND_TEMPLATES)),
            new Service(
                "gateway",
                GatewayApplication.class,
                gatewayPort,
                WebApplicationType.REACTIVE,
                List.of(DATABASE, MODULITH_EVENTS, KAFKA, TOMCAT, SECURITY_AND_TEMPLATES)));

    boolean shop = exampleShop(args);
    List<Service> all = new ArrayList<>(services);
    if (shop) {
      all.add(
          new Service(
              "shop",
              dev.passbridge.examples.shop.ShopApplication.class,
              shopPort(),
              WebApplicationType.SERVLET,
              List.of(MODULITH_EVENTS, KAFKA, GATEWAY, REDIS)));
    }
    List<Started> started = new ArrayList<>();
    try {
      // the four servlet services side by side (they need Kafka and Redis, not each other), then
      // the gateway, the entrance, once they all listen; then the example shop, its client
      List<Service> sideBySide =
          services.stream().filter(s -> s.type() == WebApplicationType.SERVLET).toList();
      started.addAll(startTogether(sideBySide, services, base, shop, args));
      for (Service service : all.stream().filter(s -> !sideBySide.contains(s)).toList()) {
        started.add(startOne(service, services, base, shop, args, null));
      }
    } finally {
      for (Started s : started) {
        contexts.add(s.context());
        shopStarted |= s.service().name().equals("shop");
      }
    }
  }

  private record Started(Service service, ConfigurableApplicationContext context) {}

  /**
   * Starts the services on up to {@code passbridge.parallel-starts} threads at once and returns
   * them in the given order. A service begins only once the one before it has configured the
   * logging system: the JVM has one, and the first context to start configures it (two doing so at
   * once could leave the console muted). If one fails, the others are still waited for and stopped,
   * and the first failure is thrown.
   */
  private List<Started> startTogether(
      List<Service> together, List<Service> services, int base, boolean shop, String[] args)
      throws Exception {
    int lanes = Math.max(1, Math.min(together.size(), parallelStarts()));
    List<java.util.concurrent.Future<Started>> futures = new ArrayList<>();
    try (var pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            lanes, r -> new Thread(r, "passbridge-start"))) {
      for (Service service : together) {
        var loggingReady = new java.util.concurrent.CountDownLatch(1);
        futures.add(pool.submit(() -> startOne(service, services, base, shop, args, loggingReady)));
        while (!loggingReady.await(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          if (futures.getLast().isDone()) {
            break; // it failed before it got that far
          }
        }
      }
    }
    List<Started> started = new ArrayList<>();
    Exception failure = null;
    for (var future : futures) {
      try {
        started.add(future.get());
      } catch (java.util.concurrent.ExecutionException e) {
        Exception cause =
            e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    if (failure != null) {
      for (int i = started.size() - 1; i >= 0; i--) {
        started.get(i).context().close();
      }
      throw failure;
    }
    return started;
  }

  /**
   * Starts one service; {@code loggingReady}, if given, is counted down once its context has
   * configured the logging system (the environment is prepared: Spring Boot's logging listener runs
   * first).
   */
  private Started startOne(
      Service service,
      List<Service> services,
      int base,
      boolean shop,
      String[] args,
      java.util.concurrent.CountDownLatch loggingReady) {
    long t0 = System.nanoTime();
    // command-line arguments outrank the service's own configuration file
    List<String> serviceArgs = new ArrayList<>(List.of(args));
    Map<String, String> passed = new LinkedHashMap<>();
    Map<String, Object> properties =
        service.name().equals("shop")
            ? shopProperties(service)
            : properties(service, services, base, shop, args);
    properties.forEach((k, v) -> passed.put(k, String.valueOf(v)));
    serviceProperties.put(service.name(), java.util.Collections.unmodifiableMap(passed));
    passed.forEach((k, v) -> serviceArgs.add("--" + k + "=" + v));
    SpringApplicationBuilder builder =
        new SpringApplicationBuilder(service.application())
            .web(service.type())
            .profiles("local")
            .registerShutdownHook(false);
    if (loggingReady != null) {
      // unordered, so after Spring Boot's logging listener
      builder.listeners(
          event -> {
            if (event
                instanceof
                org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent) {
              loggingReady.countDown();
            }
          });
    }
    ConfigurableApplicationContext context;
    try {
      context = builder.run(serviceArgs.toArray(String[]::new));
    } finally {
      if (loggingReady != null) {
        loggingReady.countDown();
      }
    }
    System.out.printf(
        "%s up on port %d (%d ms)%n",
        service.name(), service.port(), (System.nanoTime() - t0) / 1_000_000);
    return new Started(service, context);
  }

  /**
   * How many services start at once: {@code passbridge.parallel-starts}
   * (PASSBRIDGE_PARALLEL_STARTS), by default the number of cores (at most 4, the servlet services).
   */
  static int parallelStarts() {
    return Integer.parseInt(
        setting(
            "passbridge.parallel-starts",
            String.valueOf(Math.min(4, Runtime.getRuntime().availableProcessors()))));
  }

  private Map<String, Object> properties(
      Service service, List<Service> all, int base, boolean shop, String[] args) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("spring.config.name", service.name());
    p.put("server.port", service.port());
    p.put("spring.main.banner-mode", "off");
    p.put("spring.jmx.enabled", "false");
    p.putAll(CONSOLE_LOGGING);
    p.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
    p.put("spring.data.redis.host", "127.0.0.1");
    p.put("spring.data.redis.port", redis.port());
    p.put("passbridge.session.jwks-uri", "http://localhost:" + base + "/.well-known/jwks.json");
    p.put("passbridge.web.allowed-origins", url());
    p.put("passbridge.passkey.origins", url());
    p.put("passbridge.passkey.rp.id", "localhost");
    p.put("passbridge.launcher.state-dir", stateDir.toAbsolutePath().toString());
    p.put(
        "passbridge.intelligence.state-dir",
        stateDir.resolve("streams-" + ProcessHandle.current().pid()).toAbsolutePath().toString());
    p.put(
        "spring.autoconfigure.exclude",
        String.join(",", service.excluded().stream().flatMap(List::stream).toList()));
    if (service.type() == WebApplicationType.SERVLET) {
      // the web app's static files are on the shared classpath: only the gateway serves them
      p.put("spring.web.resources.add-mappings", "false");
      // the platform's default exposure (a @PropertySource of an auto-configuration) does not
      // reach the services started side by side here, though it does in their executable jars:
      // said once more, so /actuator/prometheus answers on every service's port as documented
      p.put("management.endpoints.web.exposure.include", "health,info,prometheus");
    }
    if (service.name().equals("gateway")) {
      // actuator stays off the public port (never reachable through the gateway's routes)
      p.put("management.server.port", gatewayManagementPort());
      // and, like the services in the local profile, on the loopback interface only (the gateway's
      // public port stays on every interface: it is the edge)
      p.put("management.server.address", "127.0.0.1");
    }
    Map<String, String> overrides = new LinkedHashMap<>(settings.overrides());
    overrides.putAll(settings.serviceOverrides().getOrDefault(service.name(), Map.of()));
    if (shop) {
      p.putAll(
          connectClients(
              List.of(
                  new SimpleCommandLinePropertySource(args),
                  new MapPropertySource("overrides", new LinkedHashMap<>(overrides))),
              List.of(
                  new PropertiesPropertySource(
                      StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                      System.getProperties()),
                  new SystemEnvironmentPropertySource(
                      StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                      new LinkedHashMap<>(System.getenv()))),
              shopPort()));
    }
    p.putAll(overrides);
    for (Service other : all) {
      if (!other.name().equals("gateway")) {
        String instances = "spring.cloud.discovery.client.simple.instances." + other.name();
        // the services listen on 127.0.0.1 only (local profile)
        p.put(instances + "[0].uri", "http://127.0.0.1:" + other.port());
        List<String> extra = settings.extraInstances().getOrDefault(other.name(), List.of());
        for (int i = 0; i < extra.size(); i++) {
          p.put(instances + "[" + (i + 1) + "].uri", extra.get(i));
        }
      }
    }
    return p;
  }

  /** Where the Connect clients are configured ({@code passbridge.connect.clients[i].*}). */
  static final ConfigurationPropertyName CONNECT_CLIENTS =
      ConfigurationPropertyName.of("passbridge.connect.clients");

  private static final java.util.regex.Pattern CLIENT_INDEX =
      java.util.regex.Pattern.compile("^passbridge\\.connect\\.clients\\[(\\d+)]");

  /**
   * The Connect client properties the launcher puts on every service's command line while the
   * example shop runs: the user's clients, and after them the shop's own client ({@code shop}, at
   * the shop's actual origin) unless the user configured a client {@code shop} already.
   *
   * <p>Spring Boot binds a list from the highest-ranking property source that has any element of
   * it, and the command line outranks everything: a shop client given there alone would hide every
   * client of the system properties and the environment (as it did). So the user's clients come
   * from the first source that has any, as Spring Boot would pick them: the launcher's arguments
   * and the overrides (which reach the command line anyway, so only the shop is added after them),
   * else the system properties, else the environment (copied onto the command line, the shop after
   * them). With none, the shop's client is the whole list, replacing the configuration file's (the
   * {@code local} profile's {@code shop} at port 8090).
   *
   * @param onCommandLine the sources that reach the service's command line anyway, highest first
   * @param below the sources under the command line, highest first
   */
  static Map<String, Object> connectClients(
      List<? extends PropertySource<?>> onCommandLine,
      List<? extends PropertySource<?>> below,
      int shopPort) {
    Map<String, Object> clients = new LinkedHashMap<>();
    Map<String, Object> configured = Map.of();
    for (PropertySource<?> source : onCommandLine) {
      configured = clientProperties(source);
      if (!configured.isEmpty()) {
        break;
      }
    }
    if (configured.isEmpty()) {
      for (PropertySource<?> source : below) {
        configured = clientProperties(source);
        if (!configured.isEmpty()) {
          clients.putAll(configured);
          break;
        }
      }
    }
    int next = 0;
    boolean shopConfigured = false;
    for (var entry : configured.entrySet()) {
      var index = CLIENT_INDEX.matcher(entry.getKey());
      if (index.find()) {
        int i = Integer.parseInt(index.group(1));
        next = Math.max(next, i + 1);
        shopConfigured |=
            ConfigurationPropertyName.of(entry.getKey())
                    .equals(CONNECT_CLIENTS.append("[" + i + "]").append("client-id"))
                && SHOP_CLIENT_ID.equals(String.valueOf(entry.getValue()).strip());
      }
    }
    if (!shopConfigured) {
      String client = CONNECT_CLIENTS + "[" + next + "].";
      clients.put(client + "client-id", SHOP_CLIENT_ID);
      clients.put(client + "secret-hashes[0]", "sha256:" + sha256Hex(SHOP_CLIENT_SECRET));
      clients.put(client + "origins[0]", "http://localhost:" + shopPort);
      clients.put(client + "tenant", SHOP_CLIENT_ID);
      clients.put(client + "requests-per-minute", 6000);
    }
    return clients;
  }

  /**
   * The {@code passbridge.connect.clients} properties of one source by their uniform names ({@code
   * passbridge.connect.clients[1].secrethashes[0]} for {@code
   * PASSBRIDGE_CONNECT_CLIENTS_1_SECRETHASHES_0}), which bind like the originals.
   */
  private static Map<String, Object> clientProperties(PropertySource<?> source) {
    Map<String, Object> found = new java.util.TreeMap<>();
    for (ConfigurationPropertySource names : ConfigurationPropertySources.from(source)) {
      if (names instanceof IterableConfigurationPropertySource iterable) {
        iterable.stream()
            .filter(CONNECT_CLIENTS::isAncestorOf)
            .forEach(
                name -> {
                  var property = iterable.getConfigurationProperty(name);
                  if (property != null && property.getValue() != null) {
                    found.put(name.toString(), property.getValue());
                  }
                });
      }
    }
    return found;
  }

  /**
   * Whether to start the example shop: {@code passbridge.example-shop} from the overrides, the
   * command line ({@code --passbridge.example-shop=false}), the system property or the environment
   * variable, in that order; {@code true} when none says. Load and fault tests leave it out.
   */
  private boolean exampleShop(String[] args) {
    String key = "passbridge.example-shop";
    String value = settings.overrides().get(key);
    for (String arg : args) {
      if (value == null && arg.startsWith("--" + key + "=")) {
        value = arg.substring(key.length() + 3);
      }
    }
    return Boolean.parseBoolean(value != null ? value : setting(key, "true"));
  }

  /**
   * The example shop: a platform of its own beside Passbridge, which reaches it through the gateway
   * only ({@code /connect/v1} with the demo client, the SDK in its pages).
   */
  private Map<String, Object> shopProperties(Service service) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("spring.config.name", "shop");
    p.put("server.port", service.port());
    p.put("spring.main.banner-mode", "off");
    p.put("spring.jmx.enabled", "false");
    p.putAll(CONSOLE_LOGGING);
    p.put("shop.passbridge.url", url());
    p.put("shop.passbridge.client-id", SHOP_CLIENT_ID);
    p.put("shop.passbridge.client-secret", SHOP_CLIENT_SECRET);
    p.put(
        "spring.autoconfigure.exclude",
        String.join(",", service.excluded().stream().flatMap(List::stream).toList()));
    p.putAll(settings.overrides());
    p.putAll(settings.serviceOverrides().getOrDefault(service.name(), Map.of()));
    return p;
  }

  static String sha256Hex(String secret) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void closeQuietly() {
    try {
      close();
    } catch (Exception e) {
      System.err.println("error during shutdown: " + e);
    }
  }

  @Override
  public synchronized void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    System.out.println("Stopping Passbridge ...");
    for (int i = contexts.size() - 1; i >= 0; i--) {
      try {
        contexts.get(i).close();
      } catch (RuntimeException e) {
        System.err.println("error closing a service: " + e);
      }
    }
    contexts.clear();
    if (kafka != null) {
      kafka.close();
    }
    if (redis != null) {
      redis.close();
    }
    deleteRecursively(stateDir.resolve("streams-" + ProcessHandle.current().pid()));
    System.out.println("Passbridge stopped.");
  }

  /**
   * One console for a person: every service runs in this JVM, which has one logging system that
   * each starting context configures again, so all of them get the same settings. Plain short lines
   * (the production profile's JSON is for machines); no application name in the line (one JVM
   * cannot say which service a shared thread works for, and a wrong name misleads); start-up
   * chatter of the frameworks at WARN so the banner with the URL and the demo users stays the last
   * thing on the screen. Passbridge's own INFO lines stay.
   */
  static final Map<String, String> CONSOLE_LOGGING =
      Map.ofEntries(
          Map.entry("logging.structured.format.console", ""),
          Map.entry("logging.include-application-name", "false"),
          Map.entry(
              "logging.pattern.console",
              "%clr(%d{HH:mm:ss.SSS}){faint} %clr(%5p) %clr(%-36.36logger{35}){cyan} %m%n%wEx"),
          Map.entry("logging.level.org.apache.kafka", "WARN"),
          Map.entry("logging.level.kafka", "WARN"),
          Map.entry("logging.level.state.change.logger", "WARN"),
          Map.entry("logging.level.org.springframework", "WARN"),
          // names a request's path, which may hold a platform's user id (an e-mail address)
          Map.entry("logging.level.org.springframework.web.servlet.PageNotFound", "ERROR"),
          Map.entry("logging.level.org.flywaydb", "WARN"),
          Map.entry("logging.level.com.zaxxer.hikari", "WARN"),
          Map.entry("logging.level.org.apache.catalina", "WARN"),
          Map.entry("logging.level.org.apache.coyote", "WARN"),
          Map.entry("logging.level.reactor.netty", "WARN"),
          Map.entry("logging.level.io.lettuce", "WARN"),
          Map.entry("logging.level.nl.basjes", "WARN"),
          // a consumer's first fetch before the broker has elected leaders: expected at start
          Map.entry("logging.level.org.apache.kafka.clients.NetworkClient", "ERROR"),
          Map.entry("logging.level.org.apache.kafka.clients.consumer.internals", "ERROR"),
          Map.entry("logging.level.dev.passbridge.launcher.Launcher", "WARN"));

  /** Before Spring configures logging, Logback would print the broker's DEBUG output. */
  private static void quietInfrastructureLogs() {
    if (org.slf4j.LoggerFactory.getILoggerFactory()
        instanceof ch.qos.logback.classic.LoggerContext logback) {
      logback
          .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
          .setLevel(ch.qos.logback.classic.Level.INFO);
      for (String name :
          List.of("org.apache.kafka", "kafka", "state.change.logger", "org.apache.zookeeper")) {
        logback.getLogger(name).setLevel(ch.qos.logback.classic.Level.WARN);
      }
    }
  }

  static String setting(String property, String fallback) {
    return setting(property, fallback, System::getProperty, System::getenv);
  }

  /**
   * A launcher setting: its system property, else its environment variable, the property
   * upper-cased with dots and dashes turned into underscores ({@code PASSBRIDGE_EXAMPLE_SHOP}),
   * else the same name in Spring Boot's relaxed form, where dashes disappear ({@code
   * PASSBRIDGE_EXAMPLESHOP}, as the services' own settings are written), else {@code fallback}; a
   * blank value counts as not set.
   */
  static String setting(
      String property,
      String fallback,
      UnaryOperator<String> properties,
      UnaryOperator<String> environment) {
    String value = properties.apply(property);
    if (isBlank(value)) {
      String upper = property.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
      value = environment.apply(upper.replace('-', '_'));
      if (isBlank(value)) {
        value = environment.apply(upper.replace("-", ""));
      }
    }
    return isBlank(value) ? fallback : value;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /**
   * Refuses, before anything starts, settings under which two parts would need one port (the
   * gateway on 8090 is the example shop's port, service base + 9): otherwise the second part fails
   * to bind after the others started, with a bind error that does not say which setting to change.
   * Kafka and Redis move to a free port when theirs is taken, so only what they take by default is
   * checked against the rest.
   */
  static void checkPorts(Settings settings, boolean shop) {
    int base = settings.servicePortBase();
    Map<Integer, String> claims = new LinkedHashMap<>();
    List<String> clashes = new ArrayList<>();
    java.util.function.BiConsumer<Integer, String> claim =
        (port, who) -> {
          String before = claims.putIfAbsent(port, who);
          if (before != null) {
            clashes.add("port " + port + " would be both " + before + " and " + who);
          }
        };
    claim.accept(settings.gatewayPort(), "the gateway's (passbridge.gateway-port)");
    String[] services = {"auth-service", "otp-service", "intelligence-service", "passkey-service"};
    for (int i = 0; i < services.length; i++) {
      claim.accept(base + i, services[i] + "'s (passbridge.service-port-base + " + i + ")");
    }
    claim.accept(base + 8, "the gateway's management port (passbridge.service-port-base + 8)");
    if (shop) {
      claim.accept(base + 9, "the example shop's (passbridge.service-port-base + 9)");
    }
    claim.accept(settings.kafkaPort(), "Kafka's (passbridge.kafka-port)");
    claim.accept(settings.kafkaPort() + 1, "Kafka's controller (passbridge.kafka-port + 1)");
    claim.accept(settings.redisPort(), "Redis's (passbridge.redis-port)");
    if (!clashes.isEmpty()) {
      throw new IllegalArgumentException(
          String.join("; ", clashes)
              + ": choose other ports (or passbridge.example-shop=false for the shop's)");
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
