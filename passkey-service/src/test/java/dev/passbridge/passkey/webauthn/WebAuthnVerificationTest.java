package dev.passbridge.passkey.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.authenticator.Curve;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.authenticator.EdDSACOSEKey;
import com.webauthn4j.data.attestation.authenticator.RSACOSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.passkey.upgrade.CreationOptionsFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Registration and assertion verification with real signatures, one test per rejection. */
class WebAuthnVerificationTest {
  static final String ORIGIN = "http://localhost:8080";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final ObjectConverter CONVERTER = new ObjectConverter();
  static final RelyingPartyPolicy POLICY =
      new RelyingPartyPolicy(
          "localhost",
          "Passbridge",
          List.of(ORIGIN),
          List.of(
              SignatureAlgorithmId.ES256, SignatureAlgorithmId.EDDSA, SignatureAlgorithmId.RS256),
          Set.of(AttestationFormat.NONE, AttestationFormat.PACKED));
  static final WebAuthnManager MANAGER =
      WebAuthnManagers.create(
          POLICY.formats(),
          List.of(SoftwarePasskeyAuthenticator.emulatorRootCertificate()),
          true,
          CONVERTER);
  static final RegistrationVerifier REGISTRATIONS =
      new RegistrationVerifier(MANAGER, POLICY, CONVERTER);
  static final AssertionVerifier ASSERTIONS = new AssertionVerifier(MANAGER, POLICY, CONVERTER);

  final SoftwarePasskeyAuthenticator authenticator =
      new SoftwarePasskeyAuthenticator(ORIGIN, SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
  final byte[] challenge = random(32);
  final String userHandle = Base64Url.encode(random(16));

  static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  JsonNode creationOptions() {
    return JSON.valueToTree(
        new CreationOptionsFactory(POLICY, Duration.ofMinutes(5))
            .options(challenge, userHandle, "alice", "Alice", List.of()));
  }

  Outcome<VerifiedRegistration> register(Kind kind, Flags flags, boolean upRequired) {
    ObjectNode response = authenticator.register(creationOptions(), kind, flags);
    return REGISTRATIONS.verify(response.toString(), challenge, upRequired);
  }

  static <T> T ok(Outcome<T> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Ok.class);
    return ((Outcome.Ok<T>) outcome).value();
  }

  static RejectionCode code(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<?>) outcome).rejection().code();
  }

  @Nested
  class Registration {
    @Test
    void acceptsNoneAttestationWithUserPresenceInPromptMode() {
      VerifiedRegistration v = ok(register(Kind.NONE, Flags.standard(), true));
      assertThat(v.attestationFormat()).isEqualTo("none");
      assertThat(v.aaguid()).isEqualTo(SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
      assertThat(v.algorithm()).isEqualTo(-7);
      assertThat(v.userPresent()).isTrue();
      assertThat(v.transports()).containsExactly("hybrid", "internal");
      assertThat(authenticator.credential(Base64Url.encode(v.credentialId()))).isNotNull();
    }

    @Test
    void acceptsConditionalCreateWithoutUserPresence() {
      VerifiedRegistration v =
          ok(register(Kind.NONE, Flags.conditional().withBackup(true, true), false));
      assertThat(v.userPresent()).isFalse();
      assertThat(v.backupEligible()).isTrue();
      assertThat(v.backupState()).isTrue();
    }

    @Test
    void rejectsRegistrationWithoutUserPresenceInPromptMode() {
      assertThat(code(register(Kind.NONE, Flags.conditional(), true)))
          .isEqualTo(RejectionCode.USER_PRESENCE_MISSING);
    }

    @Test
    void acceptsPackedSelfAttestation() {
      VerifiedRegistration v = ok(register(Kind.PACKED_SELF, Flags.standard(), true));
      assertThat(v.attestationFormat()).isEqualTo("packed");
    }

    @Test
    void acceptsPackedSelfAttestationWithoutUserPresenceInConditionalMode() {
      assertThat(ok(register(Kind.PACKED_SELF, Flags.conditional(), false)).userPresent())
          .isFalse();
    }

    @Test
    void acceptsBasicPackedAttestationFromTheEmulatorWhenItsRootIsTrusted() {
      VerifiedRegistration v = ok(register(Kind.PACKED_EMULATOR, Flags.standard(), true));
      assertThat(v.attestationFormat()).isEqualTo("packed");
      assertThat(v.userPresent()).isTrue();
    }

    @Test
    void rejectsBasicAttestationThatLeadsToNoTrustAnchor() {
      WebAuthnManager noAnchors =
          WebAuthnManagers.create(POLICY.formats(), List.of(), true, CONVERTER);
      ObjectNode response =
          authenticator.register(creationOptions(), Kind.PACKED_EMULATOR, Flags.standard());
      assertThat(
              code(
                  new RegistrationVerifier(noAnchors, POLICY, CONVERTER)
                      .verify(response.toString(), challenge, true)))
          .isEqualTo(RejectionCode.UNTRUSTED_ATTESTATION);
    }

    @Test
    void acceptsBasicAttestationWithoutAnchorsWhenTrustIsNotRequired() {
      WebAuthnManager lenient =
          WebAuthnManagers.create(POLICY.formats(), List.of(), false, CONVERTER);
      ObjectNode response =
          authenticator.register(creationOptions(), Kind.PACKED_EMULATOR, Flags.standard());
      ok(
          new RegistrationVerifier(lenient, POLICY, CONVERTER)
              .verify(response.toString(), challenge, true));
    }

    @Test
    void rejectsAFormatThatIsNotConfigured() {
      RelyingPartyPolicy noneOnly =
          new RelyingPartyPolicy(
              "localhost",
              "Passbridge",
              List.of(ORIGIN),
              POLICY.algorithms(),
              Set.of(AttestationFormat.NONE));
      WebAuthnManager manager =
          WebAuthnManagers.create(noneOnly.formats(), List.of(), true, CONVERTER);
      ObjectNode response =
          authenticator.register(creationOptions(), Kind.PACKED_SELF, Flags.standard());
      assertThat(
              code(
                  new RegistrationVerifier(manager, noneOnly, CONVERTER)
                      .verify(response.toString(), challenge, true)))
          .isEqualTo(RejectionCode.UNSUPPORTED_ATTESTATION);
    }

    @Test
    void rejectsAPackedStatementWithABadSignature() {
      assertThat(code(register(Kind.PACKED_SELF, Flags.standard().withCorruptSignature(), true)))
          .isEqualTo(RejectionCode.BAD_SIGNATURE);
    }

    @Test
    void rejectsAForeignOrigin() {
      assertThat(
              code(register(Kind.NONE, Flags.standard().withOrigin("https://evil.example"), true)))
          .isEqualTo(RejectionCode.ORIGIN_MISMATCH);
    }

    @Test
    void rejectsAForeignRpId() {
      assertThat(code(register(Kind.NONE, Flags.standard().withRpId("evil.example"), true)))
          .isEqualTo(RejectionCode.RP_ID_MISMATCH);
    }

    @Test
    void rejectsAnAnswerToAnotherChallenge() {
      assertThat(
              code(
                  register(
                      Kind.NONE,
                      Flags.standard().withChallenge(Base64Url.encode(random(32))),
                      true)))
          .isEqualTo(RejectionCode.CHALLENGE_MISMATCH);
    }

    @Test
    void rejectsAnAlgorithmThatWasNotOffered() {
      assertThat(
              code(
                  register(
                      Kind.NONE,
                      Flags.standard().withAlgorithm(COSEAlgorithmIdentifier.ES384),
                      true)))
          .isEqualTo(RejectionCode.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void acceptsEdDsaAndRs256() {
      assertThat(
              ok(register(
                      Kind.PACKED_SELF,
                      Flags.standard().withAlgorithm(COSEAlgorithmIdentifier.EdDSA),
                      true))
                  .algorithm())
          .isEqualTo(-8);
      assertThat(
              ok(register(
                      Kind.NONE,
                      Flags.standard().withAlgorithm(COSEAlgorithmIdentifier.RS256),
                      true))
                  .algorithm())
          .isEqualTo(-257);
    }

    @Test
    void rejectsBackupStateWithoutBackupEligibility() {
      assertThat(code(register(Kind.NONE, Flags.standard().withBackup(false, true), true)))
          .isEqualTo(RejectionCode.BACKUP_FLAGS_INVALID);
    }

    @Test
    void rejectsAnAssertionTypeInARegistration() {
      assertThat(
              code(register(Kind.NONE, Flags.standard().withClientDataType("webauthn.get"), true)))
          .isEqualTo(RejectionCode.MALFORMED_CREDENTIAL);
    }

    @Test
    void rejectsMalformedJson() {
      assertThat(code(REGISTRATIONS.verify("{\"id\": 5}", challenge, true)))
          .isEqualTo(RejectionCode.MALFORMED_CREDENTIAL);
      assertThat(code(REGISTRATIONS.verify("not json", challenge, true)))
          .isEqualTo(RejectionCode.MALFORMED_CREDENTIAL);
      ObjectNode response = authenticator.register(creationOptions(), Kind.NONE, Flags.standard());
      ((ObjectNode) response.get("response")).put("attestationObject", "AAAA");
      assertThat(code(REGISTRATIONS.verify(response.toString(), challenge, true)))
          .isEqualTo(RejectionCode.MALFORMED_CREDENTIAL);
    }

    @Test
    void rejectsCredentialIdsTooLongForTheEventContracts() {
      assertThat(code(register(Kind.NONE, Flags.standard().withCredentialId(random(385)), true)))
          .isEqualTo(RejectionCode.MALFORMED_CREDENTIAL);
      ok(register(Kind.NONE, Flags.standard().withCredentialId(random(384)), true));
    }

    @Test
    void rejectsAnEmptyCredentialId() {
      assertThat(code(register(Kind.NONE, Flags.standard().withCredentialId(new byte[0]), true)))
          .isEqualTo(RejectionCode.MALFORMED_CREDENTIAL);
    }

    @Test
    void rejectsAnEnvelopeThatIsNotAPublicKeyCredentialOfItsOwnId() {
      ObjectNode good = authenticator.register(creationOptions(), Kind.NONE, Flags.standard());
      String id = good.get("id").asString();
      List<java.util.function.Consumer<ObjectNode>> breakages =
          List.of(
              r -> r.put("id", "!!!"),
              r -> r.put("id", 5),
              r -> r.put("id", Base64Url.encode(random(32))),
              r -> r.remove("id"),
              r -> r.put("rawId", 5),
              r -> r.remove("rawId"),
              r -> r.put("type", "password"),
              r -> r.remove("type"),
              r -> r.put("id", id + "=").put("rawId", id + "="),
              // rawId and id agree, but the authenticator data names another credential
              r -> {
                String other = Base64Url.encode(random(32));
                r.put("id", other).put("rawId", other);
              });
      for (var breakage : breakages) {
        ObjectNode broken = good.deepCopy();
        breakage.accept(broken);
        assertThat(code(REGISTRATIONS.verify(broken.toString(), challenge, true)))
            .as(broken.toString())
            .isEqualTo(RejectionCode.MALFORMED_CREDENTIAL);
      }
      String duplicateType = good.toString().replaceFirst("\\{", "{\"type\":\"password\",");
      assertThat(code(REGISTRATIONS.verify(duplicateType, challenge, true)))
          .isEqualTo(RejectionCode.MALFORMED_CREDENTIAL);
      ok(REGISTRATIONS.verify(good.toString(), challenge, true));
    }

    @Test
    void rejectsPublicKeysThatCanNeverVerify() throws Exception {
      record Case(String name, COSEKey key, RejectionCode code) {}
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(1024);
      byte[] ones = new byte[32];
      java.util.Arrays.fill(ones, (byte) 1);
      byte[] twos = new byte[32];
      java.util.Arrays.fill(twos, (byte) 2);
      List<Case> cases =
          List.of(
              new Case(
                  "P-256 point off the curve",
                  new EC2COSEKey(
                      null, COSEAlgorithmIdentifier.ES256, null, Curve.SECP256R1, ones, twos),
                  RejectionCode.MALFORMED_CREDENTIAL),
              new Case(
                  "P-256 with 1-byte coordinates",
                  new EC2COSEKey(
                      null,
                      COSEAlgorithmIdentifier.ES256,
                      null,
                      Curve.SECP256R1,
                      new byte[] {1},
                      new byte[] {2}),
                  RejectionCode.MALFORMED_CREDENTIAL),
              new Case(
                  "RSA with a 1-byte modulus",
                  new RSACOSEKey(
                      null,
                      COSEAlgorithmIdentifier.RS256,
                      null,
                      new byte[] {5},
                      new byte[] {1, 0, 1}),
                  RejectionCode.MALFORMED_CREDENTIAL),
              new Case(
                  "RSA 1024",
                  RSACOSEKey.create(
                      (RSAPublicKey) rsa.generateKeyPair().getPublic(),
                      COSEAlgorithmIdentifier.RS256),
                  RejectionCode.ALGORITHM_NOT_ALLOWED),
              new Case(
                  "Ed25519 with a 1-byte key",
                  new EdDSACOSEKey(
                      null,
                      COSEAlgorithmIdentifier.EdDSA,
                      null,
                      Curve.ED25519,
                      new byte[] {1},
                      null),
                  RejectionCode.MALFORMED_CREDENTIAL));
      for (Case c : cases) {
        ObjectNode response =
            authenticator.registerWithPublicKey(creationOptions(), c.key(), Flags.standard());
        assertThat(code(REGISTRATIONS.verify(response.toString(), challenge, true)))
            .as(c.name())
            .isEqualTo(c.code());
      }
    }

    @Test
    void keepsOnlyTheTransportsWebAuthnDefines() {
      ObjectNode response = authenticator.register(creationOptions(), Kind.NONE, Flags.standard());
      ArrayNode transports = ((ObjectNode) response.get("response")).putArray("transports");
      transports.add("internal").add("x".repeat(300)).add("usb,nfc").add("<script>").add("");
      transports.add("hybrid").add("internal");
      assertThat(ok(REGISTRATIONS.verify(response.toString(), challenge, true)).transports())
          .containsExactly("hybrid", "internal");
    }

    @Test
    void acceptsTheExtraFieldsOfABrowsersToJson() {
      ObjectNode response = authenticator.register(creationOptions(), Kind.NONE, Flags.standard());
      ObjectNode r = (ObjectNode) response.get("response");
      r.put("publicKeyAlgorithm", -7);
      r.put("publicKey", "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE");
      r.put("authenticatorData", "AAAA");
      response.put("somethingNew", true);
      ok(REGISTRATIONS.verify(response.toString(), challenge, true));
    }
  }

  @Nested
  class Assertion {
    VerifiedRegistration registered;
    String credentialId;
    final byte[] loginChallenge = random(32);

    StoredKey stored(long counter, boolean be, boolean bs) {
      return new StoredKey(
          registered.credentialId(),
          Base64Url.decode(userHandle).orElseThrow(),
          registered.coseKey(),
          registered.aaguid(),
          counter,
          be,
          bs);
    }

    JsonNode requestOptions() {
      return JSON.valueToTree(
          new RequestOptions(
              Base64Url.encode(loginChallenge), 300000, "localhost", List.of(), "preferred", null));
    }

    void register(Kind kind, Flags flags) {
      registered = ok(WebAuthnVerificationTest.this.register(kind, flags, true));
      credentialId = Base64Url.encode(registered.credentialId());
    }

    Outcome<VerifiedAssertion> assertWith(Flags flags, StoredKey key) {
      ObjectNode response = authenticator.authenticate(requestOptions(), credentialId, flags);
      AuthenticationData data = ok(ASSERTIONS.parse(response.toString()));
      assertThat(Base64Url.encode(data.getCredentialId())).isEqualTo(credentialId);
      return ASSERTIONS.verify(data, loginChallenge, key);
    }

    @Test
    void acceptsAnAssertionAndReportsTheNewCounter() {
      register(Kind.NONE, Flags.standard());
      VerifiedAssertion v = ok(assertWith(Flags.standard(), stored(0, false, false)));
      assertThat(v.signCount()).isEqualTo(1);
    }

    @Test
    void acceptsAssertionsOfEmulatorAndEdDsaCredentials() {
      register(Kind.PACKED_EMULATOR, Flags.standard());
      ok(assertWith(Flags.standard(), stored(0, false, false)));
      register(Kind.PACKED_SELF, Flags.standard().withAlgorithm(COSEAlgorithmIdentifier.EdDSA));
      ok(assertWith(Flags.standard(), stored(0, false, false)));
    }

    @Test
    void acceptsZeroCountersOnBothSides() {
      register(Kind.NONE, Flags.standard());
      assertThat(
              ok(assertWith(Flags.standard().withCounter(0), stored(0, false, false))).signCount())
          .isZero();
    }

    @Test
    void rejectsACounterThatDidNotIncrease() {
      register(Kind.NONE, Flags.standard());
      assertThat(code(assertWith(Flags.standard().withCounter(5), stored(5, false, false))))
          .isEqualTo(RejectionCode.COUNTER_REGRESSION);
      assertThat(code(assertWith(Flags.standard().withCounter(0), stored(5, false, false))))
          .isEqualTo(RejectionCode.COUNTER_REGRESSION);
    }

    @Test
    void rejectsABadSignature() {
      register(Kind.NONE, Flags.standard());
      assertThat(code(assertWith(Flags.standard().withCorruptSignature(), stored(0, false, false))))
          .isEqualTo(RejectionCode.BAD_SIGNATURE);
    }

    @Test
    void rejectsAnotherUsersHandle() {
      register(Kind.NONE, Flags.standard());
      assertThat(
              code(
                  assertWith(
                      Flags.standard().withUserHandle(Base64Url.encode(random(16))),
                      stored(0, false, false))))
          .isEqualTo(RejectionCode.USER_HANDLE_MISMATCH);
    }

    @Test
    void toleratesBackupEligibilityTurningOn() {
      register(Kind.NONE, Flags.standard());
      VerifiedAssertion v =
          ok(assertWith(Flags.standard().withBackup(true, true), stored(0, false, false)));
      assertThat(v.backupEligible()).isTrue();
      assertThat(v.backupState()).isTrue();
    }

    @Test
    void rejectsBackupEligibilityTurningOff() {
      register(Kind.NONE, Flags.standard());
      assertThat(code(assertWith(Flags.standard(), stored(0, true, true))))
          .isEqualTo(RejectionCode.BACKUP_FLAGS_INVALID);
    }

    @Test
    void rejectsAnAssertionWithoutUserPresence() {
      register(Kind.NONE, Flags.standard());
      assertThat(code(assertWith(Flags.standard().withUserPresent(false), stored(0, false, false))))
          .isEqualTo(RejectionCode.USER_PRESENCE_MISSING);
    }

    @Test
    void rejectsAForeignOriginAndRpId() {
      register(Kind.NONE, Flags.standard());
      assertThat(
              code(
                  assertWith(
                      Flags.standard().withOrigin("https://evil.example"),
                      stored(0, false, false))))
          .isEqualTo(RejectionCode.ORIGIN_MISMATCH);
      assertThat(
              code(assertWith(Flags.standard().withRpId("evil.example"), stored(0, false, false))))
          .isEqualTo(RejectionCode.RP_ID_MISMATCH);
    }

    @Test
    void rejectsAMalformedAssertion() {
      assertThat(code(ASSERTIONS.parse("{\"response\": {}}")))
          .isEqualTo(RejectionCode.MALFORMED_CREDENTIAL);
    }

    @Test
    void rejectsAnAssertionEnvelopeThatIsNotAPublicKeyCredentialOfItsOwnId() {
      register(Kind.NONE, Flags.standard());
      List<java.util.function.Consumer<ObjectNode>> breakages =
          List.of(
              r -> r.put("id", "!!!"),
              r -> r.put("id", 5),
              r -> r.put("id", Base64Url.encode(random(32))),
              r -> r.remove("id"),
              r -> r.put("type", "password"),
              r -> r.remove("type"));
      for (var breakage : breakages) {
        ObjectNode broken = authenticator.authenticate(requestOptions(), credentialId);
        breakage.accept(broken);
        assertThat(code(ASSERTIONS.parse(broken.toString())))
            .as(broken.toString())
            .isEqualTo(RejectionCode.MALFORMED_CREDENTIAL);
      }
      ok(ASSERTIONS.parse(authenticator.authenticate(requestOptions(), credentialId).toString()));
    }
  }

  @Test
  void mapsWebAuthn4jExceptionSubtypesToStableCodes() {
    assertThat(
            WebAuthnFailures.code(
                new com.webauthn4j.verifier.exception.BadAttestationStatementException("x")))
        .isEqualTo(RejectionCode.BAD_ATTESTATION);
    assertThat(
            WebAuthnFailures.code(
                new com.webauthn4j.verifier.exception.TrustAnchorNotFoundException("x")))
        .isEqualTo(RejectionCode.UNTRUSTED_ATTESTATION);
    assertThat(
            WebAuthnFailures.code(
                new com.webauthn4j.verifier.exception.MaliciousCounterValueException("x")))
        .isEqualTo(RejectionCode.COUNTER_REGRESSION);
    assertThat(
            WebAuthnFailures.code(
                new com.webauthn4j.verifier.exception.UserNotVerifiedException("x")))
        .isEqualTo(RejectionCode.USER_VERIFICATION_MISSING);
    assertThat(
            WebAuthnFailures.code(new com.webauthn4j.verifier.exception.CrossOriginException("x")))
        .isEqualTo(RejectionCode.ORIGIN_MISMATCH);
    assertThat(
            WebAuthnFailures.code(new com.webauthn4j.verifier.exception.BadAlgorithmException("x")))
        .isEqualTo(RejectionCode.ALGORITHM_NOT_ALLOWED);
    assertThat(
            WebAuthnFailures.code(new com.webauthn4j.verifier.exception.TokenBindingException("x")))
        .isEqualTo(RejectionCode.VERIFICATION_FAILED);
    assertThat(WebAuthnFailures.code(new IllegalArgumentException("x")))
        .isEqualTo(RejectionCode.MALFORMED_CREDENTIAL);
  }

  @Test
  void everyRejectionCodeHasADetail() {
    for (RejectionCode c : RejectionCode.values()) {
      assertThat(WebAuthnFailures.detail(c)).isNotBlank();
      assertThat(c.code()).matches("[a-z-]+");
    }
  }

  @Test
  void allZeroUuidIsUsedForMissingAaguids() {
    assertThat(new UUID(0, 0).toString()).isEqualTo("00000000-0000-0000-0000-000000000000");
  }
}
