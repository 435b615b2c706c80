package dev.passbridge.passkey.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies a {@code RegistrationResponseJSON} against a ceremony (WebAuthn §7.1) with webauthn4j:
 * origin allowlist, RP ID, challenge, algorithm allowlist, accepted attestation formats, user
 * presence when the ceremony demands it, user verification never required. Around that it checks
 * what webauthn4j leaves alone: the JSON envelope ({@link CredentialEnvelope}; its {@code rawId}
 * must be the credential id in the authenticator data), a credential id of 1 to {@value
 * #MAX_CREDENTIAL_ID_BYTES} bytes, and a public key that can verify at all ({@link
 * PublicKeyCheck}). Transports outside the WebAuthn list are dropped (clients must ignore unknown
 * ones, and they would not fit the stored column). Plain Java; safe to share between threads.
 */
public final class RegistrationVerifier {
  /**
   * Longer ids (WebAuthn allows 1023 bytes) would not fit the 512-character text fields of the
   * event contracts in base64url; real passkey ids are 16 to 64 bytes.
   */
  public static final int MAX_CREDENTIAL_ID_BYTES = 384;

  /** The transports of WebAuthn Level 3 (§5.8.4); others are not stored. */
  static final Set<String> KNOWN_TRANSPORTS =
      Set.of("usb", "nfc", "ble", "smart-card", "hybrid", "internal");

  private final WebAuthnManager manager;
  private final RelyingPartyPolicy policy;
  private final ObjectConverter objectConverter;

  public RegistrationVerifier(
      WebAuthnManager manager, RelyingPartyPolicy policy, ObjectConverter objectConverter) {
    this.manager = manager;
    this.policy = policy;
    this.objectConverter = objectConverter;
  }

  /**
   * Whether the document has the JSON shape of a registration's {@code
   * PublicKeyCredential.toJSON()}: {@code id}, {@code rawId} and {@code type} strings and a {@code
   * response} object with {@code clientDataJSON} and {@code attestationObject} strings. Checked
   * before a ceremony is taken: no browser sends a document without this shape, so it is a bad
   * request that ends no offer and counts as no failed upgrade; whatever has the shape but does not
   * verify (another {@code type}, an {@code id} that is not the {@code rawId}, bytes that do not
   * decode or verify) does both.
   */
  public static boolean shapedLikeARegistration(String registrationResponseJson) {
    return CredentialEnvelope.shaped(
        registrationResponseJson, List.of("clientDataJSON", "attestationObject"));
  }

  /**
   * @param registrationResponseJson the browser's {@code PublicKeyCredential.toJSON()}
   * @param challenge the challenge the ceremony issued
   * @param userPresenceRequired false only for a ceremony that was issued in CONDITIONAL mode
   */
  public Outcome<VerifiedRegistration> verify(
      String registrationResponseJson, byte[] challenge, boolean userPresenceRequired) {
    return verify(registrationResponseJson, challenge, userPresenceRequired, policy.origins());
  }

  /**
   * @param origins the origins {@code clientDataJSON.origin} may name (a connect client's)
   */
  public Outcome<VerifiedRegistration> verify(
      String registrationResponseJson,
      byte[] challenge,
      boolean userPresenceRequired,
      List<String> origins) {
    Optional<byte[]> rawId = CredentialEnvelope.rawId(registrationResponseJson);
    if (rawId.isEmpty()) {
      return Outcome.rejected(RejectionCode.MALFORMED_CREDENTIAL);
    }
    RegistrationData data;
    try {
      data = manager.parseRegistrationResponseJSON(registrationResponseJson);
    } catch (RuntimeException e) {
      return Outcome.rejected(RejectionCode.MALFORMED_CREDENTIAL);
    }
    AttestationObject attestation = data.getAttestationObject();
    if (attestation == null
        || data.getCollectedClientData() == null
        || attestation.getAuthenticatorData() == null
        || attestation.getAuthenticatorData().getAttestedCredentialData() == null) {
      return Outcome.rejected(RejectionCode.MALFORMED_CREDENTIAL);
    }
    AttestedCredentialData attested =
        attestation.getAuthenticatorData().getAttestedCredentialData();
    byte[] credentialId = attested.getCredentialId();
    if (credentialId == null
        || credentialId.length == 0
        || credentialId.length > MAX_CREDENTIAL_ID_BYTES
        || !Arrays.equals(credentialId, rawId.get())) {
      return Outcome.rejected(RejectionCode.MALFORMED_CREDENTIAL);
    }
    if (!policy.accepts(attestation.getFormat())) {
      return Outcome.rejected(RejectionCode.UNSUPPORTED_ATTESTATION);
    }
    if (attested.getCOSEKey() == null) {
      return Outcome.rejected(RejectionCode.MALFORMED_CREDENTIAL);
    }
    Optional<Rejection> unusableKey = PublicKeyCheck.problem(attested.getCOSEKey());
    if (unusableKey.isPresent()) {
      return Outcome.rejected(unusableKey.get());
    }
    RegistrationParameters parameters =
        new RegistrationParameters(
            policy.serverProperty(challenge, origins),
            policy.credentialParameters(),
            false,
            userPresenceRequired);
    try {
      manager.verify(data, parameters);
    } catch (RuntimeException e) {
      return Outcome.rejected(WebAuthnFailures.rejection(e));
    }
    AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authData =
        attestation.getAuthenticatorData();
    AttestedCredentialData credential = authData.getAttestedCredentialData();
    COSEKey key = credential.getCOSEKey();
    if (key.getAlgorithm() == null) {
      return Outcome.rejected(RejectionCode.ALGORITHM_NOT_ALLOWED);
    }
    byte[] coseKey = objectConverter.getCborConverter().writeValueAsBytes(key);
    Set<AuthenticatorTransport> transports = data.getTransports();
    List<String> transportNames =
        transports == null
            ? List.of()
            : transports.stream()
                .map(AuthenticatorTransport::getValue)
                .filter(KNOWN_TRANSPORTS::contains)
                .distinct()
                .sorted()
                .toList();
    UUID aaguid =
        credential.getAaguid() == null ? new UUID(0, 0) : credential.getAaguid().getValue();
    return Outcome.ok(
        new VerifiedRegistration(
            credential.getCredentialId(),
            coseKey,
            key.getAlgorithm().getValue(),
            authData.getSignCount(),
            aaguid == null ? new UUID(0, 0) : aaguid,
            transportNames,
            authData.isFlagBE(),
            authData.isFlagBS(),
            authData.isFlagUP(),
            authData.isFlagUV(),
            attestation.getFormat()));
  }
}
