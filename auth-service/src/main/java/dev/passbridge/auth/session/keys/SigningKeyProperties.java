package dev.passbridge.auth.session.keys;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.auth.keys.*}: the session signing keys (EC P-256, ES256).
 *
 * @param rotationPeriod how long one key signs before the next takes over
 * @param publishLead how long a next key sits in the JWKS before it signs; must exceed every
 *     verifier's JWKS cache time ({@code passbridge.session.jwks-cache-ttl}, 5 min by default), so
 *     no verifier meets a token whose key it has not fetched
 * @param checkInterval how often each instance reloads the keys from the database and rotates when
 *     due (several instances may race; the database's unique key generation decides)
 * @param encryptionKey AES-256 key (base64, 32 bytes) that encrypts the private keys at rest
 *     (AES-GCM, kid as associated data); required outside the local profile ({@code
 *     passbridge.secrets.required} in auth-service.yml); without it (local profile) they are stored
 *     in the clear
 */
@Validated
@ConfigurationProperties("passbridge.auth.keys")
public record SigningKeyProperties(
    @DefaultValue("30d") @NotNull Duration rotationPeriod,
    @DefaultValue("1h") @NotNull Duration publishLead,
    @DefaultValue("1m") @NotNull Duration checkInterval,
    String encryptionKey) {

  public SigningKeyProperties {
    if (rotationPeriod != null
        && publishLead != null
        && publishLead.compareTo(rotationPeriod) >= 0) {
      throw new IllegalArgumentException(
          "passbridge.auth.keys.publish-lead must be shorter than rotation-period");
    }
    if (checkInterval != null && publishLead != null && checkInterval.compareTo(publishLead) >= 0) {
      throw new IllegalArgumentException(
          "passbridge.auth.keys.check-interval must be shorter than publish-lead, or an instance"
              + " could sign with a key the others have not loaded");
    }
  }
}
