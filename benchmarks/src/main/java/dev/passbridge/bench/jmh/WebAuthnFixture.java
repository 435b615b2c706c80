package dev.passbridge.bench.jmh;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AuthenticationData;
import dev.passbridge.passkey.webauthn.AssertionVerifier;
import dev.passbridge.passkey.webauthn.AttestationFormat;
import dev.passbridge.passkey.webauthn.Outcome;
import dev.passbridge.passkey.webauthn.RegistrationVerifier;
import dev.passbridge.passkey.webauthn.RelyingPartyPolicy;
import dev.passbridge.passkey.webauthn.SignatureAlgorithmId;
import dev.passbridge.passkey.webauthn.StoredKey;
import dev.passbridge.passkey.webauthn.VerifiedRegistration;
import dev.passbridge.passkey.webauthn.WebAuthnManagers;
import dev.passbridge.system.SoftwareAuthenticator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * passkey-service's verifiers with its default policy (RP ID {@code localhost}, formats none and
 * packed, ES256/EdDSA/RS256, trusted certificates required), and real responses from the software
 * authenticator: a conditional-create registration (UP=0, "none") and an assertion.
 */
final class WebAuthnFixture {
  static final String ORIGIN = "http://localhost:8080";
  static final JsonMapper JSON = JsonMapper.builder().build();

  final ObjectConverter objectConverter = new ObjectConverter();
  final RelyingPartyPolicy policy =
      new RelyingPartyPolicy(
          "localhost",
          "Passbridge",
          List.of(ORIGIN),
          List.of(
              SignatureAlgorithmId.ES256, SignatureAlgorithmId.EDDSA, SignatureAlgorithmId.RS256),
          Set.of(AttestationFormat.NONE, AttestationFormat.PACKED));
  final RegistrationVerifier registrations;
  final AssertionVerifier assertions;

  final byte[] registrationChallenge = random(32);
  final String registrationJson;
  final byte[] assertionChallenge = random(32);
  final String assertionJson;
  final StoredKey storedKey;

  WebAuthnFixture() {
    var manager = WebAuthnManagers.create(policy.formats(), List.of(), true, objectConverter);
    registrations = new RegistrationVerifier(manager, policy, objectConverter);
    assertions = new AssertionVerifier(manager, policy, objectConverter);
    SoftwareAuthenticator device = new SoftwareAuthenticator(ORIGIN);
    byte[] userHandle = random(64);
    JsonNode creation =
        JSON.valueToTree(
            Map.of(
                "rp", Map.of("id", "localhost", "name", "Passbridge"),
                "user",
                    Map.of(
                        "id", b64(userHandle),
                        "name", "bench.user",
                        "displayName", "Bench User"),
                "challenge", b64(registrationChallenge),
                "pubKeyCredParams",
                    List.of(
                        Map.of("type", "public-key", "alg", -7),
                        Map.of("type", "public-key", "alg", -8),
                        Map.of("type", "public-key", "alg", -257)),
                "excludeCredentials", List.of()));
    registrationJson = JSON.writeValueAsString(device.register(creation, true));
    VerifiedRegistration registered =
        switch (registrations.verify(registrationJson, registrationChallenge, false)) {
          case Outcome.Ok<VerifiedRegistration> ok -> ok.value();
          case Outcome.Rejected<VerifiedRegistration> r ->
              throw new IllegalStateException("registration rejected: " + r.rejection());
        };
    JsonNode request =
        JSON.valueToTree(
            Map.of(
                "challenge",
                b64(assertionChallenge),
                "rpId",
                "localhost",
                "allowCredentials",
                List.of(),
                "userVerification",
                "preferred"));
    assertionJson = JSON.writeValueAsString(device.authenticate(request));
    storedKey =
        new StoredKey(
            registered.credentialId(),
            userHandle,
            registered.coseKey(),
            registered.aaguid(),
            0,
            registered.backupEligible(),
            registered.backupState());
    // fail here, not in the measurement, if the fixture is wrong
    if (!(verifyAssertion() instanceof Outcome.Ok<?>)) {
      throw new IllegalStateException("assertion rejected: " + verifyAssertion());
    }
  }

  Outcome<VerifiedRegistration> verifyRegistration() {
    return registrations.verify(registrationJson, registrationChallenge, false);
  }

  Outcome<?> verifyAssertion() {
    return switch (assertions.parse(assertionJson)) {
      case Outcome.Ok<AuthenticationData> ok ->
          assertions.verify(ok.value(), assertionChallenge, storedKey);
      case Outcome.Rejected<AuthenticationData> r -> r;
    };
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
