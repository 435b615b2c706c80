package dev.passbridge.passkey.webauthn;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.passkey.*}: the relying party and what its ceremonies accept. Validated at
 * start-up. The upgrade wait ({@code passbridge.passkey.upgrade.*}) and the provider names ({@code
 * passbridge.passkey.providers.*}) have their own records in the features that use them.
 *
 * @param rp the relying party: {@code id} is the WebAuthn RP ID (a registrable domain suffix of the
 *     origins, e.g. {@code localhost} or {@code example.com}), {@code name} is shown by some
 *     authenticators
 * @param origins the exact origins a browser may report in {@code clientDataJSON.origin}
 * @param ceremonyTtl how long a registration or login challenge stays usable (also the {@code
 *     timeout} in the options)
 * @param algorithms the COSE algorithms offered in {@code pubKeyCredParams}, in order of
 *     preference; a credential with any other algorithm is rejected
 * @param attestation which attestation statement formats are verified and how far they are trusted
 */
@Validated
@ConfigurationProperties("passbridge.passkey")
public record WebAuthnProperties(
    @DefaultValue @Valid @NotNull RelyingParty rp,
    @DefaultValue("http://localhost:8080") @NotEmpty List<@NotBlank String> origins,
    @DefaultValue("5m") @NotNull Duration ceremonyTtl,
    @DefaultValue({"ES256", "EDDSA", "RS256"}) @NotEmpty List<SignatureAlgorithmId> algorithms,
    @DefaultValue @Valid @NotNull Attestation attestation) {

  /**
   * @param id the RP ID
   * @param name the RP name
   */
  public record RelyingParty(
      @DefaultValue("localhost") @NotBlank @Pattern(regexp = "[a-z0-9.-]+") String id,
      @DefaultValue("Passbridge") @NotBlank String name) {}

  /**
   * @param formats attestation statement formats accepted ({@code none} and {@code packed} by
   *     default; {@code fido-u2f}, {@code tpm}, {@code android-key}, {@code android-safetynet},
   *     {@code apple} can be added)
   * @param trustAnchors PEM files with root certificates that basic/attCA attestation chains (x5c)
   *     must lead to
   * @param requireTrustedCertificates when true (default) an x5c chain that leads to none of the
   *     trust anchors is rejected ({@code untrusted-attestation}); when false its signature is
   *     still verified but the chain is not (we ask for {@code attestation: none}, so browsers
   *     normally strip such statements anyway)
   */
  public record Attestation(
      @DefaultValue({"none", "packed"}) @NotEmpty List<AttestationFormat> formats,
      @DefaultValue List<Resource> trustAnchors,
      @DefaultValue("true") boolean requireTrustedCertificates) {}
}
