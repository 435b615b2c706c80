package dev.passbridge.auth.passkeys.internal;

import dev.passbridge.auth.passkeys.PasskeyProjection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link PasskeyProjection} in table {@code passkey_projection} (one row per credential id). */
public class JdbcPasskeyProjection implements PasskeyProjection {
  private final JdbcClient jdbc;

  public JdbcPasskeyProjection(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void created(UUID userId, String credentialId, Instant at) {
    try {
      jdbc.sql(
              "insert into passkey_projection (credential_id, user_id, created_at, deleted_at,"
                  + " updated_at) values (?, ?, ?, null, ?)")
          .params(credentialId, userId, utc(at), utc(at))
          .update();
    } catch (DuplicateKeyException e) {
      // seen before, or deleted before we saw the creation: either way nothing changes
    }
  }

  @Override
  public void deleted(UUID userId, String credentialId, Instant at) {
    int updated =
        jdbc.sql(
                "update passkey_projection set deleted_at = ?, updated_at = ?"
                    + " where credential_id = ? and deleted_at is null")
            .params(utc(at), utc(at), credentialId)
            .update();
    if (updated == 0) {
      try {
        jdbc.sql(
                "insert into passkey_projection (credential_id, user_id, created_at, deleted_at,"
                    + " updated_at) values (?, ?, null, ?, ?)")
            .params(credentialId, userId, utc(at), utc(at))
            .update();
      } catch (DuplicateKeyException e) {
        // already a tombstone
      }
    }
  }

  @Override
  public boolean hasPasskey(UUID userId) {
    return jdbc.sql(
                "select count(*) from passkey_projection where user_id = ? and deleted_at is null")
            .param(userId)
            .query(Long.class)
            .single()
        > 0;
  }

  @Override
  public void erased(UUID userId) {
    jdbc.sql("delete from passkey_projection where user_id = ?").param(userId).update();
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
