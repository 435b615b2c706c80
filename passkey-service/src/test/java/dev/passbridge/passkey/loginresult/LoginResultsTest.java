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
    return results(keys, now);
  }

  static LoginResults results(LoginResultKeys keys, Instant now) {
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

  /** The private key's PKCS#8 block followed by its public key's block, as configured. */
  static String pemPair(KeyPair pair) {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded())
        + pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  @Test
  void theKeyIsReadFromPemOnSeveralLinesOrOneAndFromAJwk() throws Exception {
    String pem = pemPair(p256());
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

  LoginResults with(LoginResultKeys keys) {
    return results(keys, NOW);
  }

  @Test
  void duringARotationTheOtherKeysResultsVerifyAndOnlyTheSigningKeySigns() throws Exception {
    LoginResultKeys previous = LoginResultKeys.generate();
    LoginResultKeys rotated =
        keys.withVerificationKeys(previous.signingKey().toPublicJWK().toJSONString());
    String kid = keys.signingKey().getKeyID();
    String previousKid = previous.signingKey().getKeyID();

    assertThat(rotated.publicKeys().getKeys())
        .extracting(k -> k.getKeyID())
        .containsExactly(kid, previousKid);
    assertThat(rotated.publicKeys().getKeys()).noneMatch(k -> k.isPrivate());
    assertThat(SignedJWT.parse(with(rotated).sign("shop", "c", "cred")).getHeader().getKeyID())
        .isEqualTo(kid);

    String issuedBefore = with(previous).sign("shop", "customer-42", "cred-1");
    assertThat(with(rotated).verify(issuedBefore, "shop"))
        .isInstanceOf(LoginResultCheck.Valid.class);
    assertThat(with(keys).verify(issuedBefore, "shop"))
        .isEqualTo(new LoginResultCheck.Invalid("unknown key"));
    String stranger = with(LoginResultKeys.generate()).sign("shop", "customer-42", "cred-1");
    assertThat(with(rotated).verify(stranger, "shop"))
        .isEqualTo(new LoginResultCheck.Invalid("unknown key"));
  }

  @Test
  void verificationKeysAreReadFromPemAJwkOrAJwkSetAndKeepNoPrivatePart() throws Exception {
    String pemPair = pemPair(p256());
    String pemKid = LoginResultKeys.parse(pemPair).signingKey().getKeyID();
    LoginResultKeys second = LoginResultKeys.generate();
    LoginResultKeys third = LoginResultKeys.generate();

    // the previous key's whole PEM pair, as it was configured: only its public block is kept
    assertThat(keys.withVerificationKeys(pemPair.replace("\n", "")).publicKeys().getKeys())
        .extracting(k -> k.getKeyID())
        .containsExactly(keys.signingKey().getKeyID(), pemKid);
    // a private JWK (with d) and a JWK set of two
    LoginResultKeys fromPrivateJwk = keys.withVerificationKeys(second.signingKey().toJSONString());
    assertThat(fromPrivateJwk.publicKeys().getKeys()).noneMatch(k -> k.isPrivate()).hasSize(2);
    String set =
        "{\"keys\":["
            + second.signingKey().toPublicJWK().toJSONString()
            + ","
            + third.signingKey().toPublicJWK().toJSONString()
            + "]}";
    assertThat(keys.withVerificationKeys(set).publicKeys().getKeys())
        .extracting(k -> k.getKeyID())
        .containsExactly(
            keys.signingKey().getKeyID(),
            second.signingKey().getKeyID(),
            third.signingKey().getKeyID());
    // the signing key listed again is published once; blank adds nothing
    assertThat(
            keys.withVerificationKeys(keys.signingKey().toPublicJWK().toJSONString())
                .publicKeys()
                .getKeys())
        .hasSize(1);
    assertThat(keys.withVerificationKeys(" ").publicKeys().getKeys()).hasSize(1);
  }

  @Test
  void unreadableVerificationKeysAreRefusedWithoutQuotingThem() throws Exception {
    KeyPair pair = p256();
    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    String privateOnly = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    for (String bad :
        new String[] {
          "{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXZhbHVlLXNlY3JldA\"}",
          "{\"keys\":[{\"kty\":\"EC\"}]}",
          pem("PUBLIC KEY", p384.generateKeyPair().getPublic().getEncoded()),
          privateOnly,
          "secret-value-secret"
        }) {
      assertThatThrownBy(() -> keys.withVerificationKeys(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("verification keys")
          .hasMessageNotContaining("c2Vjc")
          .hasMessageNotContaining("secret-value")
          .hasMessageNotContaining("MI");
    }
  }
}
