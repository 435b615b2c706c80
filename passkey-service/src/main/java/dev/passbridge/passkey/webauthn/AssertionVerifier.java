package dev.passbridge.passkey.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Verifies an {@code AuthenticationResponseJSON} (WebAuthn §7.2): signature, challenge, origin, RP
 * ID, user presence, user handle against the credential's owner, signature counter (must grow
 * unless both are zero), backup flags (BE may flip 0→1, never 1→0). A fresh webauthn4j credential
 * record is built for every call, because {@code verify} writes the new counter into it.
 */
public final class AssertionVerifier {
  private final WebAuthnManager manager;
  private final RelyingPartyPolicy policy;
  private final ObjectConverter objectConverter;

  public AssertionVerifier(
      WebAuthnManager manager, RelyingPartyPolicy policy, ObjectConverter objectConverter) {
    this.manager = manager;
    this.policy = policy;
    this.objectConverter = objectConverter;
  }

  /**
   * Reads the response; the credential id in it says which stored key to verify against. The
   * envelope must be well-formed ({@link CredentialEnvelope}: {@code type} "public-key", {@code id}
   * equal to {@code rawId}), else it is {@code malformed-credential}.
   */
  public Outcome<AuthenticationData> parse(String authenticationResponseJson) {
    Optional<byte[]> rawId = CredentialEnvelope.rawId(authenticationResponseJson);
    if (rawId.isEmpty()) {
      return Outcome.rejected(RejectionCode.MALFORMED_CREDENTIAL);
    }
    try {
      AuthenticationData data = manager.parseAuthenticationResponseJSON(authenticationResponseJson);
      if (data.getCredentialId() == null
          || !Arrays.equals(data.getCredentialId(), rawId.get())
          || data.getAuthenticatorData() == null
          || data.getCollectedClientData() == null
          || data.getSignature() == null) {
        return Outcome.rejected(RejectionCode.MALFORMED_CREDENTIAL);
      }
      return Outcome.ok(data);
    } catch (RuntimeException e) {
      return Outcome.rejected(RejectionCode.MALFORMED_CREDENTIAL);
    }
  }

  public Outcome<VerifiedAssertion> verify(
      AuthenticationData data, byte[] challenge, StoredKey stored) {
    return verify(data, challenge, stored, policy.origins());
  }

  /**
   * @param origins the origins {@code clientDataJSON.origin} may name: the configured ones for a
   *     hosted login, the connect client's for a client's
   */
  public Outcome<VerifiedAssertion> verify(
      AuthenticationData data, byte[] challenge, StoredKey stored, List<String> origins) {
    byte[] presentedHandle = data.getUserHandle();
    if (presentedHandle == null || !MessageDigest.isEqual(presentedHandle, stored.userHandle())) {
      return Outcome.rejected(RejectionCode.USER_HANDLE_MISMATCH);
    }
    COSEKey key;
    try {
      key = objectConverter.getCborConverter().readValue(stored.coseKey(), COSEKey.class);
    } catch (RuntimeException e) {
      throw new IllegalStateException("stored COSE key cannot be read", e);
    }
    CredentialRecordImpl record =
        new CredentialRecordImpl(
            new NoneAttestationStatement(),
            null,
            // a stored BE=0 is passed as "unknown", so that a BE 0→1 flip is tolerated
            stored.backupEligible() ? Boolean.TRUE : null,
            stored.backupState(),
            stored.signCount(),
            new AttestedCredentialData(new AAGUID(stored.aaguid()), stored.credentialId(), key),
            null,
            null,
            null,
            null);
    AuthenticationParameters parameters =
        new AuthenticationParameters(
            policy.serverProperty(challenge, origins), record, null, false, true);
    try {
      manager.verify(data, parameters);
    } catch (RuntimeException e) {
      return Outcome.rejected(WebAuthnFailures.rejection(e));
    }
    var authData = data.getAuthenticatorData();
    return Outcome.ok(
        new VerifiedAssertion(
            authData.getSignCount(),
            authData.isFlagBE(),
            authData.isFlagBS(),
            authData.isFlagUV()));
  }
}
