package dev.passbridge.auth.connect.internal;

import dev.passbridge.auth.connect.ConnectUser;
import dev.passbridge.auth.connect.ConnectUsers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ConnectUsers} in table {@code connect_user}: the primary key (tenant, external_user_id)
 * makes the first sight race-free. Concurrent inserts of the same user: the database lets one
 * through and the others fail on the key (PostgreSQL makes them wait for the first to commit), and
 * they read the winner's row.
 */
public class JdbcConnectUsers implements ConnectUsers {
  private static final String COLUMNS =
      "tenant, external_user_id, user_id, user_handle, created_at";

  private final JdbcClient jdbc;

  public JdbcConnectUsers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<ConnectUser> find(String tenant, String externalUserId) {
    return jdbc.sql(
            "select " + COLUMNS + " from connect_user where tenant = ? and external_user_id = ?")
        .params(tenant, externalUserId)
        .query(JdbcConnectUsers::map)
        .optional();
  }

  @Override
  public ConnectUser insertIfAbsent(ConnectUser candidate) {
    try {
      jdbc.sql("insert into connect_user (" + COLUMNS + ") values (?, ?, ?, ?, ?)")
          .params(
              candidate.tenant(),
              candidate.externalUserId(),
              candidate.userId(),
              candidate.userHandle(),
              OffsetDateTime.ofInstant(candidate.createdAt(), ZoneOffset.UTC))
          .update();
      return candidate;
    } catch (DuplicateKeyException e) {
      return find(candidate.tenant(), candidate.externalUserId())
          .orElseThrow(() -> new IllegalStateException("connect_user conflict without a row", e));
    }
  }

  @Override
  public boolean delete(ConnectUser user) {
    return jdbc.sql(
                "delete from connect_user where tenant = ? and external_user_id = ? and user_id = ?")
            .params(user.tenant(), user.externalUserId(), user.userId())
            .update()
        > 0;
  }

  private static ConnectUser map(ResultSet rs, int row) throws SQLException {
    return new ConnectUser(
        rs.getString("tenant"),
        rs.getString("external_user_id"),
        rs.getObject("user_id", UUID.class),
        rs.getString("user_handle"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
