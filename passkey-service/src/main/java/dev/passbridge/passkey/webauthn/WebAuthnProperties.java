package dev.passbridge.passkey.webauthn;

import dev.passbridge.platform.core.edge.BrowserOrigins;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.passkey.*}: the relying party and what its ceremonies accept. Validated at
 * start-up. The nested groups are {@link RelyingPartyProperties} ({@code rp.*}) and {@link
 * AttestationProperties} ({@code attestation.*}). The upgrade wait ({@code
 * passbridge.passkey.upgrade.*}) and the provider names ({@code passbridge.passkey.providers.*})
 * have their own records in the features that use them.
 *
 * @param rp the relying party: {@code id} is the WebAuthn RP ID (a registrable domain suffix of the
 *     origins, e.g. {@code localhost} or {@code example.com}), {@code name} is shown by some
 *     authenticators
 * @param origins the exact origins a browser may report in {@code clientDataJSON.origin}, written
 *     as a browser writes them ({@link BrowserOrigins}: otherwise the start stops)
 * @param ceremonyTtl how long a registration or login challenge stays usable (also the {@code
 *     timeout} in the options); at least a second (Redis refuses an expiry of {@code PX 0}, and a
 *     shorter ceremony cannot be completed by a person)
 * @param algorithms the COSE algorithms offered in {@code pubKeyCredParams}, in order of
 *     preference; a credential with any other algorithm is rejected
 * @param attestation which attestation statement formats are verified and how far they are trusted
 */
@Validated
@ConfigurationProperties("passbridge.passkey")
public record WebAuthnProperties(
    @DefaultValue @Valid @NotNull RelyingPartyProperties rp,
    @DefaultValue("http://localhost:8080") @NotEmpty List<@NotBlank String> origins,
    @DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration ceremonyTtl,
    @DefaultValue({"ES256", "EDDSA", "RS256"}) @NotEmpty List<SignatureAlgorithmId> algorithms,
    @DefaultValue @Valid @NotNull AttestationProperties attestation) {

  public WebAuthnProperties {
    // compared exactly with clientDataJSON.origin: another spelling would refuse every ceremony
    origins = BrowserOrigins.require("passbridge.passkey.origins", origins);
  }
}
