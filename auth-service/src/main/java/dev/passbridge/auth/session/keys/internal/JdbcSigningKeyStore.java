package dev.passbridge.auth.session.keys.internal;

import com.nimbusds.jose.jwk.ECKey;
import dev.passbridge.auth.session.keys.SigningKey;
import dev.passbridge.auth.session.keys.SigningKeyStore;
import java.text.ParseException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link SigningKeyStore} in table {@code signing_key}; {@code generation} is unique. */
public class JdbcSigningKeyStore implements SigningKeyStore {
  private final JdbcClient jdbc;
  private final KeyEncryption encryption;

  JdbcSigningKeyStore(JdbcClient jdbc, KeyEncryption encryption) {
    this.jdbc = jdbc;
    this.encryption = encryption;
  }

  @Override
  public List<SigningKey> loadAll() {
    return jdbc.sql(
            "select kid, generation, private_jwk, created_at, activates_at from signing_key"
                + " order by generation")
        .query(
            (rs, row) -> {
              String kid = rs.getString("kid");
              try {
                ECKey jwk = ECKey.parse(encryption.open(rs.getString("private_jwk"), kid));
                return new SigningKey(
                    rs.getInt("generation"),
                    jwk,
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("activates_at", OffsetDateTime.class).toInstant());
              } catch (ParseException e) {
                throw new IllegalStateException("signing key " + kid + " is not a valid JWK", e);
              }
            })
        .list();
  }

  @Override
  public boolean insert(SigningKey key) {
    try {
      jdbc.sql(
              "insert into signing_key (kid, generation, private_jwk, encrypted, created_at,"
                  + " activates_at) values (?, ?, ?, ?, ?, ?)")
          .params(
              key.kid(),
              key.generation(),
              encryption.seal(key.jwk().toJSONString(), key.kid()),
              encryption.enabled(),
              OffsetDateTime.ofInstant(key.createdAt(), ZoneOffset.UTC),
              OffsetDateTime.ofInstant(key.activatesAt(), ZoneOffset.UTC))
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  @Override
  public void delete(String kid) {
    jdbc.sql("delete from signing_key where kid = ?").param(kid).update();
  }
}
