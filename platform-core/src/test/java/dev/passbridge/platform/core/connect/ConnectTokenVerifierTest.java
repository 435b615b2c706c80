package dev.passbridge.platform.core.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.platform.core.session.SessionTokenVerifier;
import dev.passbridge.platform.core.session.TokenCheck;
import dev.passbridge.testsupport.TestSessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConnectTokenVerifierTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private final ECKey key = generate("k1");
  private final JWKSet keys = new JWKSet(key.toPublicJWK());
  private final ConnectTokenVerifier verifier =
      new ConnectTokenVerifier(TestSessions.ISSUER, Duration.ofSeconds(5), CLOCK);
  private final UUID userId = UUID.randomUUID();

  private static ECKey generate(String keyId) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ConnectToken append() {
    return new ConnectToken(
        userId,
        "user-42",
        "shop",
        "shop",
        "login-1",
        ConnectScope.APPEND,
        "jti-1",
        NOW.plus(Duration.ofMinutes(4)));
  }

  private JWTClaimsSet.Builder claims(ConnectToken token) {
    return new JWTClaimsSet.Builder(
        token.claims(TestSessions.ISSUER, NOW.minus(Duration.ofMinutes(1))));
  }

  private String sign(JWSHeader header, JWTClaimsSet claims, ECKey signingKey) {
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(new ECDSASigner(signingKey));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String sign(JWTClaimsSet claims) {
    return sign(ConnectToken.header("k1"), claims, key);
  }

  @Test
  void acceptsAnAppendTokenAndReadsItsClaims() {
    ConnectTokenCheck check = verifier.verify(sign(claims(append()).build()), keys);
    assertThat(check).isEqualTo(new ConnectTokenCheck.Valid(append()));
  }

  @Test
  void acceptsAManageTokenWithoutLogin() {
    ConnectToken manage =
        new ConnectToken(
            userId,
            "user-42",
            "shop",
            "shop",
            null,
            ConnectScope.MANAGE,
            "jti-2",
            NOW.plusSeconds(60));
    ConnectTokenCheck check = verifier.verify(sign(claims(manage).build()), keys);
    assertThat(check).isEqualTo(new ConnectTokenCheck.Valid(manage));
    assertThat(((ConnectTokenCheck.Valid) check).token().loginId()).isNull();
  }

  @Test
  void refusesASessionTokenSignedWithTheSameKey() {
    JWTClaimsSet session =
        new JWTClaimsSet.Builder(claims(append()).build())
            .claim("amr", List.of("pwd", "otp"))
            .claim("roles", List.of("user"))
            .build();
    String asSession =
        sign(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").type(JOSEObjectType.JWT).build(),
            session,
            key);
    String untyped =
        sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(), session, key);
    assertThat(verifier.verify(asSession, keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("wrong token type"));
    assertThat(verifier.verify(untyped, keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("wrong token type"));
  }

  @Test
  void theSessionVerifierRefusesAConnectToken() {
    SessionTokenVerifier sessions =
        new SessionTokenVerifier(TestSessions.ISSUER, Duration.ofSeconds(5), CLOCK);
    String connect = sign(claims(append()).build());
    assertThat(verifier.verify(connect, keys)).isInstanceOf(ConnectTokenCheck.Valid.class);
    assertThat(sessions.verify(connect, keys))
        .isEqualTo(new TokenCheck.Invalid("wrong token type"));
  }

  @Test
  void refusesAnExpiredTokenBeyondTheSkew() {
    String expired =
        sign(
            claims(append())
                .issueTime(Date.from(NOW.minusSeconds(200)))
                .expirationTime(Date.from(NOW.minusSeconds(6)))
                .build());
    assertThat(verifier.verify(expired, keys)).isEqualTo(new ConnectTokenCheck.Invalid("expired"));
    String withinSkew =
        sign(
            claims(append())
                .issueTime(Date.from(NOW.minusSeconds(200)))
                .expirationTime(Date.from(NOW.minusSeconds(4)))
                .build());
    assertThat(verifier.verify(withinSkew, keys)).isInstanceOf(ConnectTokenCheck.Valid.class);
  }

  @Test
  void refusesALifetimeLongerThanFiveMinutes() {
    String tooLong =
        sign(
            claims(append())
                .issueTime(Date.from(NOW.minusSeconds(10)))
                .expirationTime(
                    Date.from(NOW.minusSeconds(10).plus(Duration.ofMinutes(5)).plusSeconds(1)))
                .build());
    assertThat(verifier.verify(tooLong, keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("lifetime too long"));
    String exactlyFive =
        sign(
            claims(append())
                .issueTime(Date.from(NOW.minusSeconds(10)))
                .expirationTime(Date.from(NOW.minusSeconds(10).plus(Duration.ofMinutes(5))))
                .build());
    assertThat(verifier.verify(exactlyFive, keys)).isInstanceOf(ConnectTokenCheck.Valid.class);
    assertThat(verifier.verify(sign(claims(append()).issueTime(null).build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("no issue time"));
  }

  @Test
  void refusesMissingOrWrongAudienceTenantExternalIdOrLogin() {
    assertThat(verifier.verify(sign(claims(append()).audience(List.of()).build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("missing claims"));
    assertThat(
            verifier.verify(
                sign(claims(append()).audience(List.of("shop", "outlet")).build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("missing claims"));
    assertThat(verifier.verify(sign(claims(append()).claim("tnt", null).build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("missing claims"));
    assertThat(verifier.verify(sign(claims(append()).claim("ext", "a b").build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("missing claims"));
    assertThat(verifier.verify(sign(claims(append()).claim("sid", null).build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("missing claims"));
    assertThat(verifier.verify(sign(claims(append()).jwtID(null).build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("missing claims"));
    assertThat(verifier.verify(sign(claims(append()).subject("alice").build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("missing claims"));
  }

  @Test
  void refusesAnUnknownScope() {
    assertThat(verifier.verify(sign(claims(append()).claim("scope", "admin").build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("unknown scope"));
    assertThat(verifier.verify(sign(claims(append()).claim("scope", "APPEND").build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("unknown scope"));
    assertThat(verifier.verify(sign(claims(append()).claim("scope", null).build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("unknown scope"));
  }

  @Test
  void refusesAWrongIssuerOrAFutureToken() {
    assertThat(verifier.verify(sign(claims(append()).issuer("https://evil.example").build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("wrong issuer"));
    assertThat(
            verifier.verify(
                sign(claims(append()).notBeforeTime(Date.from(NOW.plusSeconds(60))).build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("not yet valid"));
  }

  @Test
  void refusesForgeriesAndGarbage() throws Exception {
    ECKey attacker = generate("k1");
    assertThat(
            verifier.verify(
                sign(ConnectToken.header("k1"), claims(append()).build(), attacker), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("bad signature"));
    assertThat(
            verifier.verify(sign(ConnectToken.header("k9"), claims(append()).build(), key), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("unknown key"));
    assertThat(verifier.verify(TestSessions.unsecured(claims(append()).build()), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("unsigned token"));
    String token = sign(claims(append()).build());
    String[] parts = token.split("\\.");
    String otherPayload = sign(claims(append()).audience("outlet").build()).split("\\.")[1];
    assertThat(verifier.verify(parts[0] + "." + otherPayload + "." + parts[2], keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("bad signature"));
    assertThat(verifier.verify(null, keys)).isEqualTo(new ConnectTokenCheck.Invalid("no token"));
    assertThat(verifier.verify("not.a.jwt", keys)).isInstanceOf(ConnectTokenCheck.Invalid.class);
    assertThat(verifier.verify("a".repeat(5000), keys))
        .isEqualTo(new ConnectTokenCheck.Invalid("token too long"));
    assertThat(ConnectTokenVerifier.keyId(token)).hasValue("k1");
  }

  @Test
  void scopesHaveLowerCaseWireValues() {
    assertThat(ConnectScope.APPEND.wireValue()).isEqualTo("append");
    assertThat(ConnectScope.fromWire("manage")).contains(ConnectScope.MANAGE);
    assertThat(ConnectScope.fromWire("other")).isEmpty();
  }
}
