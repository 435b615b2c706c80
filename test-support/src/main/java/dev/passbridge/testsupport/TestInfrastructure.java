package dev.passbridge.testsupport;

import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import redis.embedded.RedisServer;

/**
 * Real infrastructure for integration tests, started once per test JVM and shared by its test
 * classes: spring-kafka-test's embedded KRaft broker (random ports), a real Redis server (the
 * embedded-redis binary on a free port) and a real PostgreSQL (Testcontainers when a Docker engine
 * is available, else the local server on 127.0.0.1:5432; a fresh database per call).
 *
 * <p>Use from a Spring test:
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *   TestInfrastructure.registerKafka(registry);
 *   TestInfrastructure.registerRedis(registry);
 *   TestInfrastructure.registerPostgres(registry, "auth");
 * }
 * }</pre>
 */
public final class TestInfrastructure {
  private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

  private TestInfrastructure() {}

  private static EmbeddedKafkaBroker kafka;
  private static RedisServer redis;
  private static int redisPort;
  private static PostgresProvider postgres;

  /** The shared broker, with every Passbridge topic and dead-letter topic created. */
  public static synchronized EmbeddedKafkaBroker kafka() {
    if (kafka == null) {
      EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, Topics.DEFAULT_PARTITIONS);
      broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
      broker.brokerProperty("auto.create.topics.enable", "true");
      // one broker: the transaction log (intelligence-service's rules changes) needs replication 1
      broker.brokerProperty("transaction.state.log.replication.factor", "1");
      broker.brokerProperty("transaction.state.log.min.isr", "1");
      broker.afterPropertiesSet();
      List<NewTopic> topics = new ArrayList<>();
      for (Topic<?> topic : Topics.ALL) {
        topics.add(new NewTopic(topic.name(), Topics.DEFAULT_PARTITIONS, (short) 1));
        topics.add(new NewTopic(topic.deadLetterName(), Topics.DEFAULT_PARTITIONS, (short) 1));
      }
      broker.addTopics(topics.toArray(NewTopic[]::new));
      Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "kafka-test-shutdown"));
      kafka = broker;
      log.info("test Kafka broker at {}", broker.getBrokersAsString());
    }
    return kafka;
  }

  public static String kafkaBootstrapServers() {
    return kafka().getBrokersAsString();
  }

  /** Port of the shared real Redis server (redis-server 6.2 from embedded-redis). */
  public static synchronized int redisPort() {
    if (redis == null) {
      try {
        Path dir = Files.createDirectories(Path.of("target", "redis"));
        Path pidFile = dir.resolve("redis-" + ProcessHandle.current().pid() + ".pid");
        Orphans.killRedisOrphans(dir);
        redisPort = freePort();
        redis =
            RedisServer.newRedisServer()
                .port(redisPort)
                .setting("bind 127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("pidfile " + pidFile.toAbsolutePath())
                .build();
        redis.start();
        RedisServer started = redis;
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        started.stop();
                      } catch (IOException ignored) {
                        // the process is going away anyway
                      }
                    },
                    "redis-test-shutdown"));
        log.info("test Redis on 127.0.0.1:{}", redisPort);
      } catch (IOException e) {
        throw new IllegalStateException("could not start the embedded Redis server", e);
      }
    }
    return redisPort;
  }

  /** Stops and restarts the shared Redis on the same port (for fault tests); data is lost. */
  public static synchronized void restartRedis() throws IOException {
    redisPort();
    redis.stop();
    redis.start();
  }

  public static synchronized void stopRedis() throws IOException {
    redisPort();
    redis.stop();
  }

  public static synchronized void startRedis() throws IOException {
    redisPort();
    redis.start();
  }

  /**
   * A fresh, empty PostgreSQL database, named after {@code prefix}; returns its JDBC URL (user and
   * password from {@link #postgresUser()} / {@link #postgresPassword()}).
   */
  public static synchronized String freshPostgresDatabase(String prefix) {
    if (postgres == null) {
      postgres = PostgresProvider.detect();
    }
    String name =
        ("pbtest_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_]", "_");
    try (Connection c =
            DriverManager.getConnection(postgres.adminUrl(), postgres.user(), postgres.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return postgres.urlFor(name);
  }

  public static String postgresUser() {
    return postgres.user();
  }

  /**
   * The password services connect with: the server's, or a stand-in when the server trusts local
   * connections and none is configured (trust authentication ignores it, and a service outside the
   * local profile refuses to start with a blank database password).
   */
  public static String postgresPassword() {
    String password = postgres.password();
    return password == null || password.isBlank() ? "unused-by-trust-authentication" : password;
  }

  public static void registerKafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
  }

  public static void registerRedis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.host", () -> "127.0.0.1");
    registry.add("spring.data.redis.port", TestInfrastructure::redisPort);
  }

  /** Registers a fresh database for the test class's application context. */
  public static void registerPostgres(DynamicPropertyRegistry registry, String prefix) {
    String url = freshPostgresDatabase(prefix);
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
    registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
  }

  /**
   * The first of {@code size} consecutive free ports on loopback (a Kafka broker and its
   * controller, a launcher's service ports), drawn below Linux's ephemeral range (32768 and up) so
   * that the client sockets of other processes do not take one between this check and the bind.
   * Another process could still bind one meanwhile: the start then fails loudly and touches nothing
   * of anyone else's.
   */
  public static int freePortBlock(int size) {
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int first = 10_000 + random.nextInt(32_000 - 10_000 - size);
      boolean free = true;
      for (int port = first; port < first + size && free; port++) {
        free = isFree(port);
      }
      if (free) {
        return first;
      }
    }
    throw new IllegalStateException("no " + size + " consecutive free ports");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket =
        new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A free port, drawn like {@link #freePortBlock(int)} (not from the ephemeral range). */
  public static int freePort() {
    return freePortBlock(1);
  }
}
