package dev.passbridge.gateway.routing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.gateway.routes.*}: where the services live. {@code lb://<service-id>} goes
 * through Spring Cloud LoadBalancer (instances from {@code
 * spring.cloud.discovery.client.simple.instances.<service-id>[i].uri}, round robin); a plain {@code
 * http://host:port} sends everything to one address.
 *
 * @param authService login, sessions, accounts, JWKS
 * @param otpService one-time codes (and the dev SMS outbox)
 * @param passkeyService WebAuthn ceremonies and passkey management
 * @param intelligenceService funnel analytics
 * @param getRetries how often a GET is retried on another instance when the connection to the first
 *     one failed (0 = never). Nothing else is ever retried: a POST may already have had its effect.
 */
@Validated
@ConfigurationProperties("passbridge.gateway.routes")
public record RoutingProperties(
    @DefaultValue("lb://auth-service") @NotNull URI authService,
    @DefaultValue("lb://otp-service") @NotNull URI otpService,
    @DefaultValue("lb://passkey-service") @NotNull URI passkeyService,
    @DefaultValue("lb://intelligence-service") @NotNull URI intelligenceService,
    @DefaultValue("1") @Min(0) @Max(5) int getRetries) {}
