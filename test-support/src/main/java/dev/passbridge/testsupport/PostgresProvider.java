package dev.passbridge.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the real PostgreSQL of the tests comes from: Testcontainers when a Docker engine answers,
 * else the local server (127.0.0.1:5432, or {@code PASSBRIDGE_TEST_PG_HOST/PORT/USER/PASSWORD}),
 * else a failure that says what to start.
 */
record PostgresProvider(String host, int port, String user, String password) {
  private static final Logger log = LoggerFactory.getLogger(PostgresProvider.class);

  String adminUrl() {
    return urlFor("postgres");
  }

  String urlFor(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  static PostgresProvider detect() {
    if (dockerAvailable()) {
      var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:17-alpine");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      log.info("PostgreSQL from Testcontainers at {}", container.getJdbcUrl());
      return new PostgresProvider(
          container.getHost(),
          container.getMappedPort(5432),
          container.getUsername(),
          container.getPassword());
    }
    String host = env("PASSBRIDGE_TEST_PG_HOST", "127.0.0.1");
    int port = Integer.parseInt(env("PASSBRIDGE_TEST_PG_PORT", "5432"));
    String user = env("PASSBRIDGE_TEST_PG_USER", "postgres");
    String password = env("PASSBRIDGE_TEST_PG_PASSWORD", "");
    PostgresProvider local = new PostgresProvider(host, port, user, password);
    try (Connection c = DriverManager.getConnection(local.adminUrl(), user, password)) {
      log.warn(
          "No Docker engine: integration tests use the local PostgreSQL at {}:{} ({}), a fresh"
              + " database per test class",
          host,
          port,
          c.getMetaData().getDatabaseProductVersion());
      return local;
    } catch (Exception e) {
      throw new IllegalStateException(
          "Integration tests need PostgreSQL: no Docker engine for Testcontainers, and no server"
              + " answers at "
              + host
              + ":"
              + port
              + " as user "
              + user
              + ". Start one (e.g. `pg_ctlcluster 15 main start`) or set PASSBRIDGE_TEST_PG_*.",
          e);
    }
  }

  private static boolean dockerAvailable() {
    if (Boolean.getBoolean("passbridge.test.no-docker")) {
      return false;
    }
    try {
      return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
