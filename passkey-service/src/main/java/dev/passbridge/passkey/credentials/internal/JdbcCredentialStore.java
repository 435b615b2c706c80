package dev.passbridge.passkey.credentials.internal;

import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.passkey.credentials.CredentialRef;
import dev.passbridge.passkey.credentials.CredentialStore;
import dev.passbridge.passkey.credentials.StoredCredential;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@link CredentialStore} on the {@code passkey_credential} table (PostgreSQL; H2 in PostgreSQL
 * mode locally). Events are handed to Spring's {@link ApplicationEventPublisher} inside the same
 * transaction as the row: spring-modulith's event publication registry (the outbox, same database)
 * records them there and externalises them to Kafka after the commit.
 *
 * <p>Erased users have a tombstone in {@code erased_user}. A registration and an erasure of the
 * same user take a per-user lock first (a PostgreSQL transaction-level advisory lock), so they run
 * one after the other: otherwise a registration that read no tombstone could commit its passkey
 * after the erasure's delete had looked for (and not yet seen) it. H2, the local profile's single
 * in-memory database, has no such lock; there the two only race within milliseconds of each other.
 */
public class JdbcCredentialStore implements CredentialStore {
  private static final String COLUMNS =
      "credential_id, user_id, user_handle, public_key, algorithm, sign_count, aaguid,"
          + " transports, backup_eligible, backup_state, attestation_format, upgrade_mode, name,"
          + " provider_name, created_at, last_used_at, counter_regression_at, tenant,"
          + " external_user_id";

  /**
   * The first key of the per-user advisory locks ({@code pg_advisory_xact_lock(int, int)}), so they
   * never meet a lock of someone else's that uses the same database (the one-key form is another
   * key space): "pkey" in ASCII.
   */
  static final int USER_LOCK_SPACE = 0x706b6579;

  private final JdbcClient jdbc;
  private final TransactionOperations transactions;
  private final ApplicationEventPublisher events;
  private final boolean userLocks;

  /**
   * @param userLocks whether the database is PostgreSQL, whose advisory locks serialise a user's
   *     registration and erasure (see the class documentation)
   */
  public JdbcCredentialStore(
      JdbcClient jdbc,
      TransactionOperations transactions,
      ApplicationEventPublisher events,
      boolean userLocks) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.events = events;
    this.userLocks = userLocks;
  }

  @Override
  public AddResult add(StoredCredential credential, PasskeyCreated created) {
    try {
      return transactions.execute(
          status -> {
            lockUser(credential.userId());
            if (isErased(credential.userId())) {
              return AddResult.USER_ERASED;
            }
            insert(credential);
            events.publishEvent(created);
            return AddResult.ADDED;
          });
    } catch (DuplicateKeyException e) {
      return AddResult.ALREADY_REGISTERED;
    }
  }

  @Override
  public Erasure erase(UUID userId, Instant erasedAt, Instant purgeTombstonesBefore) {
    return transactions.execute(
        status -> {
          lockUser(userId);
          int deleted =
              jdbc.sql("DELETE FROM passkey_credential WHERE user_id = :userId")
                  .param("userId", userId)
                  .update();
          int purged =
              jdbc.sql("DELETE FROM erased_user WHERE erased_at < :before")
                  .param("before", time(purgeTombstonesBefore))
                  .update();
          int recorded =
              jdbc.sql(
                      "INSERT INTO erased_user (user_id, erased_at) VALUES (:userId, :erasedAt)"
                          + " ON CONFLICT DO NOTHING")
                  .param("userId", userId)
                  .param("erasedAt", time(erasedAt))
                  .update();
          return new Erasure(deleted, recorded == 0, purged);
        });
  }

  /** Waits for (and then holds, until the transaction ends) the user's lock; PostgreSQL only. */
  private void lockUser(UUID userId) {
    if (userLocks) {
      jdbc.sql("SELECT pg_advisory_xact_lock(:space, :key)")
          .param("space", USER_LOCK_SPACE)
          .param("key", userId.hashCode())
          .query((rs, n) -> Boolean.TRUE)
          .list();
    }
  }

  @Override
  public boolean isErased(UUID userId) {
    return jdbc.sql("SELECT COUNT(*) FROM erased_user WHERE user_id = :userId")
            .param("userId", userId)
            .query(Long.class)
            .single()
        > 0;
  }

  @Override
  public Optional<StoredCredential> rename(UUID userId, String credentialId, String name) {
    return transactions.execute(
        status -> updateName(userId, credentialId, name) ? find(credentialId) : Optional.empty());
  }

  @Override
  public boolean delete(UUID userId, String credentialId, PasskeyDeleted deleted) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              if (!deleteRow(userId, credentialId)) {
                return false;
              }
              events.publishEvent(deleted);
              return true;
            }));
  }

  /**
   * @throws DuplicateKeyException when the credential id is taken
   */
  private void insert(StoredCredential c) {
    jdbc.sql(
            "INSERT INTO passkey_credential ("
                + COLUMNS
                + ") VALUES (:id, :userId, :userHandle, :publicKey, :algorithm, :signCount,"
                + " :aaguid, :transports, :be, :bs, :fmt, :mode, :name, :provider, :createdAt,"
                + " :lastUsedAt, :regressionAt, :tenant, :externalUserId)")
        .param("id", c.credentialId())
        .param("userId", c.userId())
        .param("userHandle", c.userHandle())
        .param("publicKey", c.publicKey())
        .param("algorithm", (int) c.algorithm())
        .param("signCount", c.signCount())
        .param("aaguid", c.aaguid())
        .param("transports", String.join(",", c.transports()))
        .param("be", c.backupEligible())
        .param("bs", c.backupState())
        .param("fmt", c.attestationFormat())
        .param("mode", c.upgradeMode() == null ? null : c.upgradeMode().name())
        .param("name", c.name())
        .param("provider", c.providerName())
        .param("createdAt", time(c.createdAt()))
        .param("lastUsedAt", time(c.lastUsedAt()))
        .param("regressionAt", time(c.counterRegressionAt()))
        .param("tenant", c.tenant())
        .param("externalUserId", c.externalUserId())
        .update();
  }

  @Override
  public boolean exists(String credentialId) {
    return jdbc.sql("SELECT COUNT(*) FROM passkey_credential WHERE credential_id = :id")
            .param("id", credentialId)
            .query(Long.class)
            .single()
        > 0;
  }

  @Override
  public Optional<StoredCredential> find(String credentialId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM passkey_credential WHERE credential_id = :id")
        .param("id", credentialId)
        .query(JdbcCredentialStore::row)
        .optional();
  }

  @Override
  public List<StoredCredential> byUser(UUID userId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM passkey_credential WHERE user_id = :userId ORDER BY created_at,"
                + " credential_id")
        .param("userId", userId)
        .query(JdbcCredentialStore::row)
        .list();
  }

  @Override
  public List<CredentialRef> refsByUser(UUID userId) {
    return jdbc.sql(
            "SELECT credential_id, transports FROM passkey_credential WHERE user_id = :userId"
                + " ORDER BY created_at, credential_id")
        .param("userId", userId)
        .query(
            (rs, n) ->
                new CredentialRef(
                    rs.getString("credential_id"), transports(rs.getString("transports"))))
        .list();
  }

  @Override
  public List<StoredCredential> byExternalUser(String tenant, String externalUserId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM passkey_credential WHERE tenant = :tenant AND external_user_id ="
                + " :externalUserId ORDER BY created_at, credential_id")
        .param("tenant", tenant)
        .param("externalUserId", externalUserId)
        .query(JdbcCredentialStore::row)
        .list();
  }

  private boolean updateName(UUID userId, String credentialId, String name) {
    return jdbc.sql(
                "UPDATE passkey_credential SET name = :name WHERE credential_id = :id AND user_id"
                    + " = :userId")
            .param("name", name)
            .param("id", credentialId)
            .param("userId", userId)
            .update()
        == 1;
  }

  private boolean deleteRow(UUID userId, String credentialId) {
    return jdbc.sql(
                "DELETE FROM passkey_credential WHERE credential_id = :id AND user_id = :userId")
            .param("id", credentialId)
            .param("userId", userId)
            .update()
        == 1;
  }

  @Override
  public Use recordUse(
      String credentialId,
      long newCount,
      boolean backupEligible,
      boolean backupState,
      Instant usedAt) {
    // the counter rule of the verification, again against the row as it is now (WebAuthn §7.2
    // step 22): it grows, or both are 0 (an authenticator without a counter)
    int updated =
        jdbc.sql(
                "UPDATE passkey_credential SET sign_count = :newCount, backup_eligible = :be,"
                    + " backup_state = :bs, last_used_at = :usedAt WHERE credential_id = :id AND"
                    + " (sign_count < :newCount OR (sign_count = 0 AND :newCount = 0))")
            .param("newCount", newCount)
            .param("be", backupEligible)
            .param("bs", backupState)
            .param("usedAt", time(usedAt))
            .param("id", credentialId)
            .update();
    if (updated == 1) {
      return Use.RECORDED;
    }
    boolean stillThere =
        jdbc.sql("SELECT COUNT(*) FROM passkey_credential WHERE credential_id = :id")
                .param("id", credentialId)
                .query(Long.class)
                .single()
            > 0;
    return stillThere ? Use.COUNTER_REGRESSION : Use.GONE;
  }

  @Override
  public void flagCounterRegression(String credentialId, Instant at) {
    jdbc.sql("UPDATE passkey_credential SET counter_regression_at = :at WHERE credential_id = :id")
        .param("at", time(at))
        .param("id", credentialId)
        .update();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static List<String> transports(String column) {
    return column == null || column.isBlank() ? List.of() : Arrays.asList(column.split(","));
  }

  private static StoredCredential row(ResultSet rs, int n) throws SQLException {
    String mode = rs.getString("upgrade_mode");
    return new StoredCredential(
        rs.getString("credential_id"),
        rs.getObject("user_id", UUID.class),
        rs.getString("user_handle"),
        rs.getBytes("public_key"),
        rs.getInt("algorithm"),
        rs.getLong("sign_count"),
        rs.getObject("aaguid", UUID.class),
        transports(rs.getString("transports")),
        rs.getBoolean("backup_eligible"),
        rs.getBoolean("backup_state"),
        rs.getString("attestation_format"),
        mode == null ? null : UpgradeMode.valueOf(mode),
        rs.getString("name"),
        rs.getString("provider_name"),
        instant(rs, "created_at"),
        instant(rs, "last_used_at"),
        instant(rs, "counter_regression_at"),
        rs.getString("tenant"),
        rs.getString("external_user_id"));
  }
}
