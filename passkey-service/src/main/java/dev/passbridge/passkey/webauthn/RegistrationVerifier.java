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
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies a {@code RegistrationResponseJSON} against a ceremony (WebAuthn §7.1) with webauthn4j:
 * origin allowlist, RP ID, challenge, algorithm allowlist, accepted attestation formats, user
 * presence when the ceremony demands it, user verification never required. Plain Java; safe to
 * share between threads.
 */
public final class RegistrationVerifier {
  /**
   * Longer ids (WebAuthn allows 1023 bytes) would not fit the 512-character text fields of the
   * event contracts in base64url; real passkey ids are 16 to 64 bytes.
   */
  public static final int MAX_CREDENTIAL_ID_BYTES = 384;

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
    if (attestation.getAuthenticatorData().getAttestedCredentialData().getCredentialId().length
        > MAX_CREDENTIAL_ID_BYTES) {
      return Outcome.rejected(RejectionCode.MALFORMED_CREDENTIAL);
    }
    if (!policy.accepts(attestation.getFormat())) {
      return Outcome.rejected(RejectionCode.UNSUPPORTED_ATTESTATION);
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
            : transports.stream().map(AuthenticatorTransport::getValue).sorted().toList();
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
