package dev.passbridge.passkey.webauthn;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code PublicKeyCredentialCreationOptionsJSON} (WebAuthn L3 §5.1): what the browser's {@code
 * PublicKeyCredential.parseCreationOptionsFromJSON} accepts. Binary values are base64url strings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreationOptions(
    RpEntity rp,
    UserEntity user,
    String challenge,
    List<CredentialParameter> pubKeyCredParams,
    long timeout,
    List<CredentialDescriptor> excludeCredentials,
    AuthenticatorSelection authenticatorSelection,
    List<String> hints,
    String attestation,
    Map<String, Object> extensions) {

  /** The same options with another {@code excludeCredentials}. */
  public CreationOptions withExcludeCredentials(List<CredentialDescriptor> excluded) {
    return new CreationOptions(
        rp,
        user,
        challenge,
        pubKeyCredParams,
        timeout,
        List.copyOf(excluded),
        authenticatorSelection,
        hints,
        attestation,
        extensions);
  }

  public record RpEntity(String id, String name) {}

  public record UserEntity(String id, String name, String displayName) {}

  public record CredentialParameter(String type, long alg) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CredentialDescriptor(String type, String id, List<String> transports) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AuthenticatorSelection(
      String authenticatorAttachment,
      String residentKey,
      boolean requireResidentKey,
      String userVerification) {}
}
