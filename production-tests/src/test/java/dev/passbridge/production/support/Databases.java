package dev.passbridge.production.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Databases on the machine's PostgreSQL (127.0.0.1:5432, trust authentication, user {@code
 * postgres}): created by the test with unique names, dropped (with their connections) at the end.
 */
public final class Databases {
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5432;
  public static final String USER = "postgres";
  private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";

  private Databases() {}

  /** Creates a fresh database and schedules its drop; returns its JDBC URL. */
  public static String create(String prefix) {
    String name =
        ("pbprod_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT);
    execute("CREATE DATABASE " + name);
    Cleanup.onEnd(() -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
  }

  public static boolean exists(String url) {
    String name = url.substring(url.lastIndexOf('/') + 1);
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
        var s = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
      s.setString(1, name);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1) == 1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + sql, e);
    }
  }
}
