package dev.passbridge.auth.accounts.internal;

import dev.passbridge.auth.accounts.PhoneNumber;
import dev.passbridge.auth.accounts.UserAccount;
import dev.passbridge.auth.accounts.UserAccounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link UserAccounts} in table {@code user_account} (PostgreSQL; H2 in PostgreSQL mode locally).
 */
public class JdbcUserAccounts implements UserAccounts {
  private static final String COLUMNS =
      "id, username, username_key, display_name, phone, password_hash, user_handle, roles,"
          + " created_at, updated_at";

  private final JdbcClient jdbc;

  public JdbcUserAccounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * No account for a key with a NUL character: no username has one ({@code Username.parse} refuses
   * control characters), and PostgreSQL's text cannot hold one, so asking would fail the request (a
   * login typed with one answered 500 instead of {@code invalid-credentials}).
   */
  @Override
  public Optional<UserAccount> findByUsernameKey(String usernameKey) {
    if (usernameKey.indexOf('\u0000') >= 0) {
      return Optional.empty();
    }
    return jdbc.sql("select " + COLUMNS + " from user_account where username_key = ?")
        .param(usernameKey)
        .query(JdbcUserAccounts::map)
        .optional();
  }

  @Override
  public Optional<UserAccount> findById(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from user_account where id = ?")
        .param(id)
        .query(JdbcUserAccounts::map)
        .optional();
  }

  @Override
  public boolean insert(UserAccount a) {
    try {
      jdbc.sql(
              "insert into user_account ("
                  + COLUMNS
                  + ", password_changed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              a.id(),
              a.username(),
              a.usernameKey(),
              a.displayName(),
              a.phone().e164(),
              a.passwordHash(),
              a.userHandle(),
              String.join(",", a.roles()),
              utc(a.createdAt()),
              utc(a.updatedAt()),
              utc(a.createdAt()))
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  @Override
  public void updatePasswordHash(UUID id, String passwordHash, Instant at) {
    jdbc.sql("update user_account set password_hash = ?, updated_at = ? where id = ?")
        .params(passwordHash, utc(at), id)
        .update();
  }

  @Override
  public boolean delete(UUID id) {
    return jdbc.sql("delete from user_account where id = ?").param(id).update() > 0;
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static UserAccount map(ResultSet rs, int row) throws SQLException {
    return new UserAccount(
        rs.getObject("id", UUID.class),
        rs.getString("username"),
        rs.getString("username_key"),
        rs.getString("display_name"),
        new PhoneNumber(rs.getString("phone")),
        rs.getString("password_hash"),
        rs.getString("user_handle"),
        roles(rs.getString("roles")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  private static List<String> roles(String csv) {
    return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
  }
}
