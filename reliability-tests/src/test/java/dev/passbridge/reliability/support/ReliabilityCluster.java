package dev.passbridge.reliability.support;

import dev.passbridge.journeysupport.EventCheck;
import dev.passbridge.launcher.Launcher;
import dev.passbridge.testsupport.SessionTokens;
import dev.passbridge.testsupport.TestInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The system the reliability tests run against, started once per test JVM and shared by every test
 * class: the launcher's stack (real KRaft broker, real Redis, all five services in this JVM), with
 *
 * <ul>
 *   <li>auth-service and passkey-service on real PostgreSQL databases (fresh ones on the local
 *       server), reached through {@link TcpProxy TCP proxies} the tests can cut;
 *   <li>a second instance of each of the four services behind the gateway, each a separate process
 *       started from the service's executable jar, so it can be killed with SIGKILL;
 *   <li>the gateway trusting one proxy hop of {@code X-Forwarded-For} (as behind a load balancer),
 *       so every simulated browser has its own address and production rate limits apply per
 *       browser;
 *   <li>production values for the rate limits (gateway and auth-service), and Kafka consumer
 *       session timeouts of 6 s (the broker's minimum) so that a killed instance's partitions move
 *       on quickly.
 * </ul>
 */
public final class ReliabilityCluster {
  public static final List<String> SERVICES =
      List.of("auth-service", "otp-service", "intelligence-service", "passkey-service");

  private static ReliabilityCluster instance;

  private final Path dir;
  private final LogCapture logs;
  private final Launcher launcher;
  private final TcpProxy authDatabase;
  private final TcpProxy passkeyDatabase;
  private final String authDatabaseUrl;
  private final String passkeyDatabaseUrl;
  private final Map<String, ServiceProcess> second = new LinkedHashMap<>();
  private final Map<String, Integer> firstPorts = new LinkedHashMap<>();
  private final int gatewayManagementPort;
  private final RedisClient redisClient;
  private StatefulRedisConnection<String, String> redisConnection;
  private final Duration startup;

  public static synchronized ReliabilityCluster get() {
    if (instance == null) {
      try {
        instance = new ReliabilityCluster();
      } catch (Exception e) {
        throw new IllegalStateException("the reliability cluster did not start", e);
      }
      ReliabilityCluster started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "reliability-shutdown"));
    }
    return instance;
  }

  private ReliabilityCluster() throws Exception {
    long t0 = System.nanoTime();
    dir = Files.createDirectories(Path.of("target", "reliability").toAbsolutePath());
    ServiceProcess.killOrphans(dir);
    // a fresh run: no log lines or Kafka Streams state of an earlier one
    deleteRecursively(dir.resolve("logs"));
    deleteRecursively(dir.resolve("state"));
    logs = new LogCapture(dir);

    authDatabaseUrl = TestInfrastructure.freshPostgresDatabase("rel_auth");
    passkeyDatabaseUrl = TestInfrastructure.freshPostgresDatabase("rel_passkey");
    URI pg = URI.create(authDatabaseUrl.substring("jdbc:".length()));
    authDatabase = new TcpProxy(pg.getHost(), pg.getPort());
    passkeyDatabase = new TcpProxy(pg.getHost(), pg.getPort());

    int gateway = freePort();
    int kafka = freeRange(2);
    int redis = freePort();
    int base = freeRange(10); // the services, the gateway's management port (+ 8), the shop (+ 9)
    gatewayManagementPort = freePort();
    Map<String, List<String>> extra = new LinkedHashMap<>();
    Map<String, Integer> secondPorts = new LinkedHashMap<>();
    for (int i = 0; i < SERVICES.size(); i++) {
      firstPorts.put(SERVICES.get(i), base + i);
      int port = freePort();
      secondPorts.put(SERVICES.get(i), port);
      extra.put(SERVICES.get(i), List.of("http://localhost:" + port));
    }

    Map<String, String> all = new LinkedHashMap<>();
    // the launcher's example shop (Connect mode) is no part of these faults
    all.put("passbridge.example-shop", "false");
    all.put("logging.level.root", "INFO");
    all.put("logging.level.dev.passbridge", "DEBUG");
    all.put("logging.level.org.apache.kafka", "WARN");
    all.put("logging.level.kafka", "WARN");
    all.put("logging.level.org.springframework.kafka.listener", "WARN");
    // a killed instance's partitions move to the survivor after 6 s (the broker's minimum), not 45
    // s
    all.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
    all.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
    all.put("spring.kafka.streams.properties.session.timeout.ms", "6000");
    all.put("spring.kafka.streams.properties.heartbeat.interval.ms", "1000");

    // The hostile-input tests fail upgrade ceremonies on purpose (malformed credentials, wrong
    // origins) on this shared cluster; past 50 attempts with 30 % failed, intelligence-service's
    // automatic brake rightly turns silent create off for that platform, and every later flow of
    // another test would be offered a prompt instead. The brake is tested where it is the subject
    // (intelligence-service's RolloutBrakeTopologyTest and RulesPageBrowserIT); here it stays off.
    all.put("passbridge.intelligence.brake.enabled", "false");

    Map<String, Map<String, String>> perService = new LinkedHashMap<>();
    perService.put(
        "gateway",
        Map.ofEntries(
            Map.entry("management.server.port", String.valueOf(gatewayManagementPort)),
            Map.entry("passbridge.gateway.client-address.trusted-proxy-hops", "1"),
            // production limits (gateway.yml), per simulated browser address
            Map.entry("passbridge.gateway.rate-limit.rules.register.limit", "5"),
            Map.entry("passbridge.gateway.rate-limit.rules.register.period", "10m"),
            Map.entry("passbridge.gateway.rate-limit.rules.login.limit", "10"),
            Map.entry("passbridge.gateway.rate-limit.rules.login.period", "1m"),
            Map.entry("passbridge.gateway.rate-limit.rules.otp-verify.limit", "10"),
            Map.entry("passbridge.gateway.rate-limit.rules.otp-verify.period", "1m"),
            Map.entry("passbridge.gateway.rate-limit.rules.otp-resend.limit", "5"),
            Map.entry("passbridge.gateway.rate-limit.rules.otp-resend.period", "5m"),
            Map.entry("passbridge.gateway.rate-limit.rules.passkey-login-options.limit", "30"),
            Map.entry("passbridge.gateway.rate-limit.rules.passkey-login-options.period", "1m"),
            Map.entry("passbridge.gateway.rate-limit.rules.passkey-login.limit", "20"),
            Map.entry("passbridge.gateway.rate-limit.rules.passkey-login.period", "1m")));
    perService.put(
        "auth-service",
        Map.of(
            "spring.datasource.url",
            proxied(authDatabaseUrl, authDatabase),
            "spring.datasource.username",
            TestInfrastructure.postgresUser(),
            "spring.datasource.password",
            TestInfrastructure.postgresPassword(),
            // production values (auth-service.yml): per address and per username
            "passbridge.auth.login.attempts-per-ip",
            "30",
            "passbridge.auth.login.failures-per-username",
            "10",
            "passbridge.auth.login.username-window",
            "15m",
            // free failures per (username, client) before the back-off: production's, which must
            // stay below the per-username limit (the local profile's 20 would not)
            "passbridge.auth.login.failures-before-delay",
            "5"));
    perService.put(
        "passkey-service",
        Map.of(
            "spring.datasource.url", proxied(passkeyDatabaseUrl, passkeyDatabase),
            "spring.datasource.username", TestInfrastructure.postgresUser(),
            "spring.datasource.password", TestInfrastructure.postgresPassword(),
            // one login-result key for both instances (a deployment's secret)
            "passbridge.connect.login-result.signing-key",
                SessionTokens.newKey("login-result").toJSONString()));

    launcher =
        Launcher.start(
            new Launcher.Settings(
                gateway, kafka, redis, base, dir.resolve("state"), all, perService, extra));

    Path jars = Path.of(System.getProperty("reliability.services", "target/services"));
    for (String service : SERVICES) {
      Map<String, String> properties = new LinkedHashMap<>(launcher.serviceProperties(service));
      // the jar holds one service only: its own configuration file's exclusions apply
      properties.remove("spring.autoconfigure.exclude");
      properties.put("server.port", String.valueOf(secondPorts.get(service)));
      if (service.equals("intelligence-service")) {
        properties.put(
            "passbridge.intelligence.state-dir", dir.resolve("state/streams-b").toString());
      }
      if (service.equals("auth-service")) {
        properties.put("passbridge.auth.accounts.demo-users", "false");
      }
      second.put(
          service,
          new ServiceProcess(
              service, jars.resolve(service + ".jar"), secondPorts.get(service), properties, dir));
    }
    ExecutorService starter = Executors.newFixedThreadPool(SERVICES.size());
    try {
      List<Future<?>> started = new ArrayList<>();
      for (ServiceProcess process : second.values()) {
        started.add(
            starter.submit(
                () -> {
                  process.start();
                  process.awaitHealthy(Duration.ofSeconds(240));
                  return null;
                }));
      }
      for (Future<?> f : started) {
        f.get();
      }
    } finally {
      starter.shutdown();
    }
    logs.servicesStarted();
    redisClient = RedisClient.create("redis://127.0.0.1:" + launcher.redisPort());
    startup = Duration.ofNanos(System.nanoTime() - t0);
    Report.measured(
        "start-up: Kafka, Redis, 5 services in-process + 4 second instances as processes",
        String.format("%.1f s", startup.toMillis() / 1000.0));
  }

  private static String proxied(String url, TcpProxy proxy) {
    URI uri = URI.create(url.substring("jdbc:".length()));
    return "jdbc:postgresql://127.0.0.1:" + proxy.port() + uri.getPath();
  }

  public String url() {
    return launcher.url();
  }

  public Launcher launcher() {
    return launcher;
  }

  public String bootstrapServers() {
    return launcher.bootstrapServers();
  }

  public LogCapture logs() {
    return logs;
  }

  public Duration startup() {
    return startup;
  }

  /** The separately running (second) instance of a service. */
  public ServiceProcess second(String service) {
    return second.get(service);
  }

  public List<ServiceProcess> seconds() {
    return List.copyOf(second.values());
  }

  /** The in-process (first) instance's base URL. */
  public String first(String service) {
    return "http://localhost:" + firstPorts.get(service);
  }

  public int gatewayManagementPort() {
    return gatewayManagementPort;
  }

  public TcpProxy database(String service) {
    return switch (service) {
      case "auth-service" -> authDatabase;
      case "passkey-service" -> passkeyDatabase;
      default -> throw new IllegalArgumentException("no database for " + service);
    };
  }

  /** A direct connection (not through the proxy) for assertions on what was stored. */
  public Connection jdbc(String service) throws SQLException {
    String url =
        switch (service) {
          case "auth-service" -> authDatabaseUrl;
          case "passkey-service" -> passkeyDatabaseUrl;
          default -> throw new IllegalArgumentException("no database for " + service);
        };
    return DriverManager.getConnection(
        url, TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword());
  }

  public long count(String service, String sql, Object... params) {
    try (Connection c = jdbc(service);
        var statement = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (var rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Redis commands for assertions (reconnects after a Redis restart). */
  public synchronized RedisCommands<String, String> redis() {
    if (redisConnection == null || !redisConnection.isOpen()) {
      redisConnection = redisClient.connect();
    }
    return redisConnection.sync();
  }

  /**
   * The SMS of each login as otp-service's dev outbox holds them (one Redis list per login), for
   * {@link EventCheck#check}.
   */
  public EventCheck.SmsCount smsOutbox() {
    return EventCheck.perLogin(loginId -> redis().llen("otp:outbox:" + loginId));
  }

  /** Brings every second instance back that a test killed, and waits until all are healthy. */
  public void restoreSecondInstances() throws Exception {
    List<ServiceProcess> restarted = new ArrayList<>();
    for (ServiceProcess p : second.values()) {
      if (!p.alive()) {
        p.start();
        restarted.add(p);
      }
    }
    for (ServiceProcess p : restarted) {
      p.awaitHealthy(Duration.ofSeconds(180));
    }
  }

  private void stop() {
    for (ServiceProcess p : second.values()) {
      p.destroy();
    }
    try {
      if (redisConnection != null) {
        redisConnection.close();
      }
      redisClient.shutdown();
    } catch (RuntimeException ignored) {
      // going away
    }
    try {
      launcher.close();
    } catch (Exception ignored) {
      // going away
    }
    try {
      authDatabase.close();
      passkeyDatabase.close();
    } catch (IOException ignored) {
      // going away
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (Files.exists(path)) {
      try (var paths = Files.walk(path)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  static int freePort() {
    return TestInfrastructure.freePort();
  }

  /** {@code n} consecutive free ports. */
  static int freeRange(int n) {
    return TestInfrastructure.freePortBlock(n);
  }
}
