package dev.passbridge.platform.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.testsupport.TestSessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionTokenVerifierTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final TestSessions sessions = new TestSessions("k1");
  private final JWKSet keys = sessions.publicKeys();
  private final SessionTokenVerifier verifier =
      new SessionTokenVerifier(
          TestSessions.ISSUER, Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC));
  private final UUID userId = UUID.randomUUID();

  private JWTClaimsSet.Builder claims() {
    return sessions.claims(userId, "login-1", List.of("user"), NOW.minusSeconds(60));
  }

  @Test
  void acceptsAValidSessionAndReadsItsClaims() {
    TokenCheck check = verifier.verify(sessions.sign(claims().build()), keys);
    assertThat(check).isInstanceOf(TokenCheck.Valid.class);
    Session session = ((TokenCheck.Valid) check).session();
    assertThat(session.userId()).isEqualTo(userId);
    assertThat(session.sessionId()).isEqualTo("login-1");
    assertThat(session.hasRole("user")).isTrue();
    assertThat(session.hasRole("admin")).isFalse();
    assertThat(session.issuedAt()).isEqualTo(NOW.minusSeconds(60));
  }

  @Test
  void rejectsATamperedPayload() {
    String token = TestSessions.tamper(sessions.sign(claims().build()));
    assertThat(verifier.verify(token, keys)).isEqualTo(new TokenCheck.Invalid("bad signature"));
  }

  @Test
  void rejectsAnExpiredSessionBeyondTheSkew() {
    String token = sessions.sign(claims().expirationTime(Date.from(NOW.minusSeconds(6))).build());
    assertThat(verifier.verify(token, keys)).isEqualTo(new TokenCheck.Invalid("expired"));
    String withinSkew =
        sessions.sign(claims().expirationTime(Date.from(NOW.minusSeconds(4))).build());
    assertThat(verifier.verify(withinSkew, keys)).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void rejectsAlgNone() {
    assertThat(verifier.verify(TestSessions.unsecured(claims().build()), keys))
        .isEqualTo(new TokenCheck.Invalid("unsigned token"));
  }

  @Test
  void rejectsHmacSignedWithThePublicKey() {
    assertThat(verifier.verify(sessions.hmacWithPublicKey(claims().build()), keys))
        .isEqualTo(new TokenCheck.Invalid("algorithm not allowed"));
  }

  @Test
  void rejectsAWrongIssuer() {
    String token = sessions.sign(claims().issuer("https://evil.example").build());
    assertThat(verifier.verify(token, keys)).isEqualTo(new TokenCheck.Invalid("wrong issuer"));
  }

  @Test
  void rejectsMissingClaims() {
    assertThat(verifier.verify(sessions.sign(claims().claim("sid", null).build()), keys))
        .isEqualTo(new TokenCheck.Invalid("missing claims"));
    assertThat(verifier.verify(sessions.sign(claims().subject("alice").build()), keys))
        .isEqualTo(new TokenCheck.Invalid("missing claims"));
    assertThat(verifier.verify(sessions.sign(claims().issueTime(null).build()), keys))
        .isEqualTo(new TokenCheck.Invalid("no issue time"));
    assertThat(verifier.verify(sessions.sign(claims().expirationTime(null).build()), keys))
        .isEqualTo(new TokenCheck.Invalid("expired"));
  }

  @Test
  void rejectsATokenNotValidYet() {
    String token = sessions.sign(claims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build());
    assertThat(verifier.verify(token, keys)).isEqualTo(new TokenCheck.Invalid("not yet valid"));
  }

  @Test
  void reportsAnUnknownKeyIdSoTheCallerCanRefreshTheKeys() {
    TestSessions rotated = new TestSessions("k2");
    String token = rotated.sign(claims().build());
    assertThat(verifier.verify(token, keys)).isEqualTo(new TokenCheck.UnknownKey("k2"));
    assertThat(verifier.verify(token, rotated.publicKeys())).isInstanceOf(TokenCheck.Valid.class);
    assertThat(SessionTokenVerifier.keyId(token)).hasValue("k2");
  }

  @Test
  void rejectsASignatureByAnotherKeyUnderAKnownKeyId() throws Exception {
    ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").type(JOSEObjectType.JWT).build(),
            claims().build());
    jwt.sign(new ECDSASigner(attacker));
    assertThat(verifier.verify(jwt.serialize(), keys))
        .isEqualTo(new TokenCheck.Invalid("bad signature"));
  }

  @Test
  void rejectsAWrongTokenType() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k3").generate();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID("k3")
                .type(new JOSEObjectType("at+jwt"))
                .build(),
            claims().build());
    jwt.sign(new ECDSASigner(key));
    assertThat(verifier.verify(jwt.serialize(), new JWKSet(key.toPublicJWK())))
        .isEqualTo(new TokenCheck.Invalid("wrong token type"));
  }

  @Test
  void rejectsGarbageWithoutThrowing() {
    assertThat(verifier.verify("not.a.jwt", keys)).isInstanceOf(TokenCheck.Invalid.class);
    assertThat(verifier.verify("", keys)).isEqualTo(new TokenCheck.Invalid("no token"));
    assertThat(verifier.verify(null, keys)).isEqualTo(new TokenCheck.Invalid("no token"));
    assertThat(verifier.verify("a".repeat(5000), keys))
        .isEqualTo(new TokenCheck.Invalid("token too long"));
    assertThat(SessionTokenVerifier.keyId("garbage")).isEmpty();
  }
}
