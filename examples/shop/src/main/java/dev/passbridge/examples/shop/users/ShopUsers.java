package dev.passbridge.examples.shop.users;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code shop_user} table. */
@Repository
public class ShopUsers {
  private final JdbcClient jdbc;
  private final Clock clock;

  public ShopUsers(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<ShopUser> byEmail(String email) {
    return jdbc.sql(
            "SELECT id, email, display_name, password_hash FROM shop_user WHERE email = :email")
        .param("email", normalize(email))
        .query(ShopUser.class)
        .optional();
  }

  public Optional<ShopUser> byId(String id) {
    return jdbc.sql("SELECT id, email, display_name, password_hash FROM shop_user WHERE id = :id")
        .param("id", id)
        .query(ShopUser.class)
        .optional();
  }

  /** Adds a user unless one with that e-mail address exists; answers the stored one. */
  public ShopUser addIfAbsent(String email, String displayName, String passwordHash) {
    Optional<ShopUser> existing = byEmail(email);
    if (existing.isPresent()) {
      return existing.get();
    }
    String id = UUID.randomUUID().toString();
    jdbc.sql(
            "INSERT INTO shop_user (id, email, display_name, password_hash, created_at)"
                + " VALUES (:id, :email, :name, :hash, :at)")
        .param("id", id)
        .param("email", normalize(email))
        .param("name", displayName)
        .param("hash", passwordHash)
        .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .update();
    return byId(id).orElseThrow();
  }

  /**
   * Deletes a customer (their second-factor codes go with them, {@code ON DELETE CASCADE}); answers
   * whether there was one to delete.
   */
  public boolean delete(String id) {
    return jdbc.sql("DELETE FROM shop_user WHERE id = :id").param("id", id).update() > 0;
  }

  static String normalize(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }
}
