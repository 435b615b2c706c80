package dev.passbridge.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.gateway.dev-tools.*}: the local profile's developer aids.
 *
 * @param enabled routes {@code /api/dev/**} to otp-service (the dev SMS outbox) and serves the dev
 *     SMS inbox page; off by default, so both answer 404 outside the local profile
 */
@Validated
@ConfigurationProperties("passbridge.gateway.dev-tools")
public record DevToolsProperties(@DefaultValue("false") boolean enabled) {}
