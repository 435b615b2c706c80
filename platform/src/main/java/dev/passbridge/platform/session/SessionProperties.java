package dev.passbridge.platform.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.session.*}: how services recognise the session cookie.
 *
 * @param cookieName the cookie that carries the session JWT
 * @param issuer the {@code iss} auth-service writes and every verifier requires
 * @param jwksUri where auth-service publishes its signing keys (ignored inside auth-service, which
 *     verifies against its own key store)
 * @param jwksCacheTtl how long fetched keys are trusted before a refresh
 */
@Validated
@ConfigurationProperties("passbridge.session")
public record SessionProperties(
    @DefaultValue("pb_session") @NotBlank String cookieName,
    @DefaultValue("https://passbridge.dev/auth") @NotBlank String issuer,
    @DefaultValue("http://localhost:8081/.well-known/jwks.json") @NotNull URI jwksUri,
    @DefaultValue("5m") @NotNull Duration jwksCacheTtl) {}
