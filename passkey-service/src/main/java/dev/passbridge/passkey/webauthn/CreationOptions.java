package dev.passbridge.passkey.webauthn;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * {@code PublicKeyCredentialCreationOptionsJSON} (WebAuthn L3 §5.1): what the browser's {@code
 * PublicKeyCredential.parseCreationOptionsFromJSON} accepts. Binary values are base64url strings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
    requiredProperties = {
      "rp",
      "user",
      "challenge",
      "pubKeyCredParams",
      "timeout",
      "excludeCredentials",
      "authenticatorSelection",
      "attestation",
      "extensions"
    })
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

  @Schema(requiredProperties = {"id", "name"})
  public record RpEntity(String id, String name) {}

  @Schema(requiredProperties = {"id", "name", "displayName"})
  public record UserEntity(String id, String name, String displayName) {}

  @Schema(requiredProperties = {"type", "alg"})
  public record CredentialParameter(String type, long alg) {}

  /** {@code transports} is left out when none are known. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(requiredProperties = {"type", "id"})
  public record CredentialDescriptor(String type, String id, List<String> transports) {}

  /** {@code authenticatorAttachment} is left out: either kind of authenticator. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(requiredProperties = {"residentKey", "requireResidentKey", "userVerification"})
  public record AuthenticatorSelection(
      String authenticatorAttachment,
      String residentKey,
      boolean requireResidentKey,
      String userVerification) {}
}
