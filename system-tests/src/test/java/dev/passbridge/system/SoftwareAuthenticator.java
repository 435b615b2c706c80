package dev.passbridge.system;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttachment;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;
import com.webauthn4j.util.Base64UrlUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A device with a platform authenticator that produces real signatures (webauthn4j-test's packed
 * authenticator emulator, one per device), speaking the JSON shapes of {@code
 * PublicKeyCredential.toJSON()}. Like a browser asked for {@code attestation: "none"}, it replaces
 * the attestation statement with "none"; for a conditional create it also clears the user-presence
 * flag, as a password manager's silent create does.
 */
public final class SoftwareAuthenticator {
  private final ClientPlatform platform;
  private final AttestationObjectConverter attestationObjects =
      new AttestationObjectConverter(new ObjectConverter());

  public SoftwareAuthenticator(String origin) {
    this.platform =
        new ClientPlatform(
            new Origin(origin), new WebAuthnAuthenticatorAdaptor(new PackedAuthenticator()));
  }

  /** RegistrationResponseJSON for {@code publicKey} (PublicKeyCredentialCreationOptionsJSON). */
  public Map<String, Object> register(JsonNode publicKey, boolean conditional) {
    List<PublicKeyCredentialParameters> params = new ArrayList<>();
    for (JsonNode p : publicKey.path("pubKeyCredParams")) {
      params.add(
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY,
              COSEAlgorithmIdentifier.create(p.path("alg").asLong())));
    }
    List<PublicKeyCredentialDescriptor> exclude = new ArrayList<>();
    for (JsonNode d : publicKey.path("excludeCredentials")) {
      exclude.add(
          new PublicKeyCredentialDescriptor(
              PublicKeyCredentialType.PUBLIC_KEY,
              Base64UrlUtil.decode(d.path("id").asString()),
              null));
    }
    JsonNode user = publicKey.path("user");
    var options =
        new PublicKeyCredentialCreationOptions(
            new PublicKeyCredentialRpEntity(
                publicKey.path("rp").path("id").asString(),
                publicKey.path("rp").path("name").asString()),
            new PublicKeyCredentialUserEntity(
                Base64UrlUtil.decode(user.path("id").asString()),
                user.path("name").asString(),
                user.path("displayName").asString()),
            new DefaultChallenge(Base64UrlUtil.decode(publicKey.path("challenge").asString())),
            params,
            60_000L,
            exclude,
            new AuthenticatorSelectionCriteria(
                AuthenticatorAttachment.PLATFORM,
                ResidentKeyRequirement.REQUIRED,
                UserVerificationRequirement.PREFERRED),
            AttestationConveyancePreference.DIRECT,
            null);
    PublicKeyCredential<AuthenticatorAttestationResponse, ?> credential = platform.create(options);
    byte[] attestationObject = asNone(credential.getResponse().getAttestationObject(), conditional);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put(
        "clientDataJSON",
        Base64UrlUtil.encodeToString(credential.getResponse().getClientDataJSON()));
    response.put("attestationObject", Base64UrlUtil.encodeToString(attestationObject));
    response.put("transports", List.of("internal", "hybrid"));
    return credentialJson(credential.getRawId(), response, Map.of("credProps", Map.of("rk", true)));
  }

  /** AuthenticationResponseJSON for {@code publicKey} (PublicKeyCredentialRequestOptionsJSON). */
  public Map<String, Object> authenticate(JsonNode publicKey) {
    var options =
        new PublicKeyCredentialRequestOptions(
            new DefaultChallenge(Base64UrlUtil.decode(publicKey.path("challenge").asString())),
            60_000L,
            publicKey.path("rpId").asString(),
            List.of(),
            UserVerificationRequirement.PREFERRED,
            null);
    PublicKeyCredential<AuthenticatorAssertionResponse, ?> credential = platform.get(options);
    AuthenticatorAssertionResponse r = credential.getResponse();
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("clientDataJSON", Base64UrlUtil.encodeToString(r.getClientDataJSON()));
    response.put("authenticatorData", Base64UrlUtil.encodeToString(r.getAuthenticatorData()));
    response.put("signature", Base64UrlUtil.encodeToString(r.getSignature()));
    response.put("userHandle", Base64UrlUtil.encodeToString(r.getUserHandle()));
    return credentialJson(credential.getRawId(), response, Map.of());
  }

  private static Map<String, Object> credentialJson(
      byte[] rawId, Map<String, Object> response, Map<String, Object> extensions) {
    Map<String, Object> json = new LinkedHashMap<>();
    String id = Base64UrlUtil.encodeToString(rawId);
    json.put("id", id);
    json.put("rawId", id);
    json.put("type", "public-key");
    json.put("response", response);
    json.put("clientExtensionResults", extensions);
    json.put("authenticatorAttachment", "platform");
    return json;
  }

  /** A browser's "none" attestation (unsigned, so flags may be rewritten), UP cleared if asked. */
  private byte[] asNone(byte[] attestationObjectBytes, boolean clearUserPresence) {
    AttestationObject original = attestationObjects.convert(attestationObjectBytes);
    @SuppressWarnings("unchecked")
    AuthenticatorData<
            com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput>
        ad = original.getAuthenticatorData();
    byte flags = ad.getFlags();
    if (clearUserPresence) {
      flags = (byte) (flags & ~AuthenticatorData.BIT_UP);
    }
    var data =
        new AuthenticatorData<>(
            ad.getRpIdHash(),
            flags,
            ad.getSignCount(),
            ad.getAttestedCredentialData(),
            ad.getExtensions());
    return attestationObjects.convertToBytes(
        new AttestationObject(data, new NoneAttestationStatement()));
  }
}
