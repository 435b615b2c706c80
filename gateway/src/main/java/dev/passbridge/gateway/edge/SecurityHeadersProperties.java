package dev.passbridge.gateway.edge;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.gateway.security-headers.*}: the headers on every response (pages and API).
 *
 * @param contentSecurityPolicy no inline script or style anywhere; same-origin only
 * @param referrerPolicy {@code no-referrer}: no URL (with its query) leaves the site
 * @param permissionsPolicy WebAuthn create/get for this origin, camera/microphone/geolocation off
 * @param hstsMaxAge {@code Strict-Transport-Security} max-age, sent only over TLS (a secure
 *     exchange or {@code X-Forwarded-Proto: https}); browsers ignore it on plain HTTP anyway
 * @param acceptClientHints {@code Accept-CH} on page responses (docs/architecture.md §5: the real
 *     OS version comes only from client hints)
 */
@Validated
@ConfigurationProperties("passbridge.gateway.security-headers")
public record SecurityHeadersProperties(
    @DefaultValue(SecurityHeaders.DEFAULT_CSP) @NotBlank String contentSecurityPolicy,
    @DefaultValue("no-referrer") @NotBlank String referrerPolicy,
    @DefaultValue(SecurityHeaders.DEFAULT_PERMISSIONS_POLICY) @NotBlank String permissionsPolicy,
    @DefaultValue("365d") Duration hstsMaxAge,
    @DefaultValue(SecurityHeaders.DEFAULT_ACCEPT_CH) String acceptClientHints) {}
