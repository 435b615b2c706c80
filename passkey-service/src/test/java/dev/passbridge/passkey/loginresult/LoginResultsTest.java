package dev.passbridge.passkey.loginresult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The login-result format (connect.md) and its key configuration, without I/O. */
class LoginResultsTest {
  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  static final String ISSUER = "https://passbridge.dev/passkey";
  final LoginResultKeys keys = LoginResultKeys.generate();

  LoginResults at(Instant now) {
    return new LoginResults(
        keys,
        ISSUER,
        Duration.ofMinutes(2),
        Duration.ofSeconds(5),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aResultCarriesTheContractsHeaderAndClaims() throws Exception {
    String token = at(NOW).sign("shop", "customer-42", "cred-1");
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("login-result+jwt"));
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.signingKey().getKeyID());
    var claims = jwt.getJWTClaimsSet();
    assertThat(claims.getAudience()).containsExactly("shop");
    assertThat(claims.getSubject()).isEqualTo("customer-42");
    assertThat(claims.getStringClaim("cred")).isEqualTo("cred-1");
    assertThat(claims.getStringListClaim("amr")).containsExactly("passkey");
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(2));

    var check = at(NOW.plusSeconds(60)).verify(token, "shop");
    assertThat(check).isInstanceOf(LoginResultCheck.Valid.class);
    assertThat(((LoginResultCheck.Valid) check).result().externalUserId()).isEqualTo("customer-42");
  }

  @Test
  void anotherAudienceAnExpiredResultAndAnotherKeyAreInvalid() {
    String token = at(NOW).sign("shop", "customer-42", "cred-1");
    assertThat(at(NOW).verify(token, "blog"))
        .isEqualTo(new LoginResultCheck.Invalid("other audience"));
    assertThat(at(NOW.plus(Duration.ofMinutes(3))).verify(token, "shop"))
        .isEqualTo(new LoginResultCheck.Invalid("expired"));
    LoginResults other =
        new LoginResults(
            LoginResultKeys.generate(),
            ISSUER,
            Duration.ofMinutes(2),
            Duration.ofSeconds(5),
            Clock.systemUTC());
    assertThat(other.verify(token, "shop")).isInstanceOf(LoginResultCheck.Invalid.class);
    assertThat(at(NOW).verify("a.b.c", "shop")).isInstanceOf(LoginResultCheck.Invalid.class);
  }

  @Test
  void aLifetimeOverTwoMinutesIsRefused() {
    assertThatThrownBy(
            () ->
                new LoginResults(
                    keys, ISSUER, Duration.ofMinutes(3), Duration.ofSeconds(5), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  @Test
  void theKeyIsReadFromPemOnSeveralLinesOrOneAndFromAJwk() throws Exception {
    KeyPair pair = p256();
    String pem =
        pem("PRIVATE KEY", pair.getPrivate().getEncoded())
            + pem("PUBLIC KEY", pair.getPublic().getEncoded());
    LoginResultKeys multiLine = LoginResultKeys.parse(pem);
    LoginResultKeys oneLine = LoginResultKeys.parse(pem.replace("\n", ""));
    assertThat(oneLine.signingKey().getKeyID()).isEqualTo(multiLine.signingKey().getKeyID());
    LoginResultKeys jwk = LoginResultKeys.parse(multiLine.signingKey().toJSONString());
    assertThat(jwk.signingKey().getKeyID()).isEqualTo(multiLine.signingKey().getKeyID());
    assertThat(jwk.publicKeys().getKeys()).allMatch(k -> !k.isPrivate());
  }

  @Test
  void aMismatchedPairOrAPublicKeyAloneIsRefusedWithoutQuotingIt() throws Exception {
    KeyPair a = p256();
    KeyPair b = p256();
    String mismatched =
        pem("PRIVATE KEY", a.getPrivate().getEncoded())
            + pem("PUBLIC KEY", b.getPublic().getEncoded());
    assertThatThrownBy(() -> LoginResultKeys.parse(mismatched))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("MI");
    assertThatThrownBy(() -> LoginResultKeys.parse(pem("PUBLIC KEY", a.getPublic().getEncoded())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                LoginResultKeys.parse(
                    LoginResultKeys.generate().signingKey().toPublicJWK().toJSONString()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
