package dev.passbridge.passkey.upgrade;

import dev.passbridge.passkey.webauthn.Base64Url;
import dev.passbridge.passkey.webauthn.CreationOptions;
import dev.passbridge.passkey.webauthn.RelyingPartyPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Builds the creation options of an upgrade as docs/services/passkey-service.md lists them: {@code
 * user.name} = the username as typed at login (Chrome matches it against the saved password),
 * {@code user.id} = the opaque user handle, the user's passkeys excluded, a discoverable credential
 * required, user verification preferred, no attestation, the configured algorithms, {@code
 * credProps}.
 */
public final class CreationOptionsFactory {
  private final RelyingPartyPolicy policy;
  private final Duration timeout;

  public CreationOptionsFactory(RelyingPartyPolicy policy, Duration timeout) {
    this.policy = policy;
    this.timeout = timeout;
  }

  public CreationOptions options(
      byte[] challenge,
      String userHandle,
      String username,
      String displayName,
      List<CreationOptions.CredentialDescriptor> existing) {
    return new CreationOptions(
        new CreationOptions.RpEntity(policy.rpId(), policy.rpName()),
        new CreationOptions.UserEntity(userHandle, username, displayName),
        Base64Url.encode(challenge),
        policy.algorithms().stream()
            .map(a -> new CreationOptions.CredentialParameter("public-key", a.value()))
            .toList(),
        timeout.toMillis(),
        List.copyOf(existing),
        new CreationOptions.AuthenticatorSelection(null, "required", true, "preferred"),
        null,
        "none",
        Map.of("credProps", true));
  }

  public static CreationOptions.CredentialDescriptor descriptor(
      String credentialId, List<String> transports) {
    return new CreationOptions.CredentialDescriptor(
        "public-key", credentialId, transports.isEmpty() ? null : List.copyOf(transports));
  }
}
