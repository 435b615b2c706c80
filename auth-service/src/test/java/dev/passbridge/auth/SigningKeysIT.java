package dev.passbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.auth.session.keys.SigningKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The JWKS and key rotation against the real database: a next key is published a lead time before
 * it signs, tokens of the retired key keep verifying until they expire, and then it goes.
 */
class SigningKeysIT extends IntegrationTestBase {
  @Autowired SigningKeys keys;

  private JWKSet jwks() throws Exception {
    Reply r = get("/.well-known/jwks.json");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Cache-Control"))
        .hasValueSatisfying(c -> assertThat(c).contains("max-age=300"));
    return JWKSet.parse(r.body());
  }

  private static String kid(String token) throws Exception {
    return SignedJWT.parse(token).getHeader().getKeyID();
  }

  @Test
  void publishesOnlyPublicP256KeysAndPersistsThem() throws Exception {
    JWKSet set = jwks();
    assertThat(set.getKeys()).isNotEmpty();
    set.getKeys()
        .forEach(
            k -> {
              assertThat(k.isPrivate()).isFalse();
              assertThat(k.getKeyType().getValue()).isEqualTo("EC");
              assertThat(k.toJSONObject())
                  .containsEntry("crv", "P-256")
                  .containsEntry("alg", "ES256")
                  .containsEntry("use", "sig");
            });
    long rows = jdbc.sql("select count(*) from signing_key").query(Long.class).single();
    assertThat(rows).isEqualTo(set.getKeys().size());
  }

  @Test
  void rotatesWithAPublishedNextKeyAndKeepsOldTokensValid() throws Exception {
    keys.refresh();
    String oldToken = fullLogin(uniqueName("rot1"), "correct horse battery");
    String oldKid = kid(oldToken);
    Instant oldActivation = activation(oldKid);

    // within the publish lead of the rotation: the next key is published but does not sign yet
    advanceTo(oldActivation.plus(Duration.ofDays(30)).minus(Duration.ofMinutes(30)));
    keys.refresh();
    JWKSet during = jwks();
    assertThat(during.getKeys()).hasSize(2);
    String nextKid =
        during.getKeys().stream()
            .map(k -> k.getKeyID())
            .filter(k -> !k.equals(oldKid))
            .findFirst()
            .orElseThrow();
    Instant nextActivation = activation(nextKid);
    assertThat(Duration.between(clock.instant(), nextActivation))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(30));
    assertThat(kid(fullLogin(uniqueName("rot2"), "correct horse battery"))).isEqualTo(oldKid);

    // the next key takes over; tokens of the old key still verify
    advanceTo(nextActivation.plusSeconds(1));
    String newToken = fullLogin(uniqueName("rot3"), "correct horse battery");
    assertThat(kid(newToken)).isEqualTo(nextKid);
    verifyAgainstJwks(newToken);
    verifyAgainstJwks(oldToken);
    assertThat(me(newToken).status()).isEqualTo(200);

    // once every token of the old key has expired, it leaves the JWKS and the database
    advanceTo(nextActivation.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(2)));
    keys.refresh();
    assertThat(jwks().getKeyByKeyId(oldKid)).isNull();
    assertThat(jwks().getKeyByKeyId(nextKid)).isNotNull();
    assertThat(
            jdbc.sql("select count(*) from signing_key where kid = ?")
                .param(oldKid)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(me(oldToken).status()).isEqualTo(401); // expired, and its key is gone
    String latest = fullLogin(uniqueName("rot4"), "correct horse battery");
    assertThat(kid(latest)).isEqualTo(nextKid);
    assertThat(me(latest).status()).isEqualTo(200);
  }

  private Instant activation(String kid) {
    return jdbc.sql("select activates_at from signing_key where kid = ?")
        .param(kid)
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
        .single();
  }

  private void advanceTo(Instant target) {
    Duration by = Duration.between(clock.instant(), target);
    if (by.isPositive()) {
      clock.advance(by);
    }
  }
}
