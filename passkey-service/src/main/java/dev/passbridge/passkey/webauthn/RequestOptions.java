package dev.passbridge.passkey.webauthn;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * {@code PublicKeyCredentialRequestOptionsJSON} (WebAuthn L3 §5.5) for a discoverable-credential
 * login: empty {@code allowCredentials}, so conditional UI (autofill) can offer every passkey of
 * this RP.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
    requiredProperties = {"challenge", "timeout", "rpId", "allowCredentials", "userVerification"})
public record RequestOptions(
    String challenge,
    long timeout,
    String rpId,
    List<CreationOptions.CredentialDescriptor> allowCredentials,
    String userVerification,
    List<String> hints) {}
