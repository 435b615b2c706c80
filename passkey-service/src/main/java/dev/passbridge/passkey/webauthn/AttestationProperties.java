package dev.passbridge.passkey.webauthn;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * {@code passbridge.passkey.attestation.*}: which attestation statement formats are verified and
 * how far they are trusted, part of {@link WebAuthnProperties}.
 *
 * @param formats attestation statement formats accepted ({@code none} and {@code packed} by
 *     default; {@code fido-u2f}, {@code tpm}, {@code android-key}, {@code android-safetynet},
 *     {@code apple} can be added)
 * @param trustAnchors PEM files with root certificates that basic/attCA attestation chains (x5c)
 *     must lead to
 * @param requireTrustedCertificates when true (default) an x5c chain that leads to none of the
 *     trust anchors is rejected ({@code untrusted-attestation}); when false its signature is still
 *     verified but the chain is not (we ask for {@code attestation: none}, so browsers normally
 *     strip such statements anyway)
 */
public record AttestationProperties(
    @DefaultValue({"none", "packed"}) @NotEmpty List<AttestationFormat> formats,
    @DefaultValue List<Resource> trustAnchors,
    @DefaultValue("true") boolean requireTrustedCertificates) {}
