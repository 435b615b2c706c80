package dev.passbridge.passkey.webauthn;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code passbridge.passkey.rp.*}: the relying party, part of {@link WebAuthnProperties}.
 *
 * @param id the WebAuthn RP ID: a registrable domain suffix of the origins, e.g. {@code localhost}
 *     or {@code example.com}
 * @param name the RP name, shown by some authenticators
 */
public record RelyingPartyProperties(
    @DefaultValue("localhost") @NotBlank @Pattern(regexp = "[a-z0-9.-]+") String id,
    @DefaultValue("Passbridge") @NotBlank String name) {}
