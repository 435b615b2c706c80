package dev.passbridge.passkey.loginresult;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.connect.login-result.*}: how login results are signed. Validated at start-up.
 *
 * @param signingKey the EC P-256 private key, as a JWK (JSON with {@code d}) or as PEM (a PKCS#8
 *     {@code PRIVATE KEY} block followed by its {@code PUBLIC KEY} block, as {@code openssl genpkey
 *     ... && openssl pkey -pubout} print them); env {@code PASSBRIDGE_LOGIN_RESULT_KEY}, required
 *     outside the local profile. Blank (local profile only): a key is generated at start (results
 *     do not survive a restart, which is fine for a demo)
 * @param verificationKeys public keys that are published and accepted beside the signing key but
 *     never sign, for a rotation (the next key before it signs, the previous one after): a JWK, a
 *     JWK set or PEM {@code PUBLIC KEY} blocks, EC P-256; env {@code
 *     PASSBRIDGE_LOGIN_RESULT_VERIFICATION_KEYS}; blank for none
 * @param issuer the {@code iss} of every result
 * @param lifetime {@code exp - iat}; at most 2 minutes
 * @param clockSkew tolerance on {@code exp} when a result is verified
 */
@Validated
@ConfigurationProperties("passbridge.connect.login-result")
public record LoginResultProperties(
    String signingKey,
    String verificationKeys,
    @DefaultValue("https://passbridge.dev/passkey") @NotBlank String issuer,
    @DefaultValue("2m") @NotNull Duration lifetime,
    @DefaultValue("5s") @NotNull Duration clockSkew) {

  @AssertTrue(message = "lifetime must be positive and at most 2 minutes")
  public boolean isLifetimeValid() {
    return lifetime != null
        && lifetime.isPositive()
        && lifetime.compareTo(LoginResults.MAX_LIFETIME) <= 0;
  }
}
