package dev.passbridge.gateway.session;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.session.*}: the same names the services use (platform's {@code
 * SessionProperties}) plus the gateway's cache and revocation settings.
 *
 * @param cookieName the cookie that carries the session JWT
 * @param issuer the {@code iss} auth-service writes
 * @param jwksUri auth-service's key set; {@code lb://auth-service/...} goes through the load
 *     balancer like the routes
 * @param jwksCacheTtl how long fetched keys are used before a refresh (when a refresh fails, the
 *     last good keys stay in use)
 * @param jwksMinRefreshInterval a token with an unknown {@code kid} triggers a refresh at most this
 *     often (a rotated key is picked up at once; forged key ids cannot hammer auth-service)
 * @param jwksTimeout how long one JWKS fetch may take
 * @param clockSkew tolerance on {@code exp}/{@code nbf}
 * @param revocationTimeout how long the revocation lookup (the Redis key {@code
 *     session:revoked:<sid>} auth-service writes on logout, platform-core's {@code
 *     SessionRevocations}) may take; on a Redis failure protected routes answer 503 (fail closed)
 * @param verifiedTokenCacheSize how many verified tokens are remembered so the next request with
 *     the same cookie skips the signature check (0 = off); revocation is checked every time
 */
@Validated
@ConfigurationProperties("passbridge.session")
public record SessionProperties(
    @DefaultValue("pb_session") @NotBlank String cookieName,
    @DefaultValue("https://passbridge.dev/auth") @NotBlank String issuer,
    @DefaultValue("lb://auth-service/.well-known/jwks.json") @NotNull URI jwksUri,
    @DefaultValue("5m") @NotNull Duration jwksCacheTtl,
    @DefaultValue("30s") @NotNull Duration jwksMinRefreshInterval,
    @DefaultValue("2s") @NotNull Duration jwksTimeout,
    @DefaultValue("5s") @NotNull Duration clockSkew,
    @DefaultValue("500ms") @NotNull Duration revocationTimeout,
    @DefaultValue("10000") @Min(0) int verifiedTokenCacheSize) {}
