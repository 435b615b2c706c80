package dev.passbridge.auth.passkeys.internal;

import dev.passbridge.auth.passkeys.PasskeyProjection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link PasskeyProjection} in table {@code passkey_projection} (one row per credential id).
 *
 * <p>A row is added only for a user auth-service still knows (a hosted account or a Connect
 * mapping): a {@code PasskeyCreated} or {@code PasskeyDeleted} that arrives after the user's {@code
 * UserErased} (other topics, so no order between them) would otherwise leave a row under an id that
 * nothing maps to any more. The check is part of the insert; an erasure that commits between its
 * {@code UserErased} being applied here and the account's delete (milliseconds) can still let one
 * such row through.
 */
public class JdbcPasskeyProjection implements PasskeyProjection {
  /** The insert's guard: the user id is a hosted account's or a Connect mapping's. */
  private static final String USER_KNOWN =
      " where exists (select 1 from user_account where id = ?)"
          + " or exists (select 1 from connect_user where user_id = ?)";

  private final JdbcClient jdbc;

  public JdbcPasskeyProjection(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void created(UUID userId, String credentialId, Instant at) {
    try {
      jdbc.sql(
              "insert into passkey_projection (credential_id, user_id, created_at, deleted_at,"
                  + " updated_at) select ?, ?, ?, null, ?"
                  + USER_KNOWN)
          .params(credentialId, userId, utc(at), utc(at), userId, userId)
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
                    + " updated_at) select ?, ?, null, ?, ?"
                    + USER_KNOWN)
            .params(credentialId, userId, utc(at), utc(at), userId, userId)
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
