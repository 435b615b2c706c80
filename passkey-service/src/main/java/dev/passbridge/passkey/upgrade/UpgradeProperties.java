package dev.passbridge.passkey.upgrade;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.passkey.upgrade.*}: the {@code GET /api/passkeys/upgrade} wait. Validated at
 * start-up.
 *
 * @param maxWait how long {@code GET /api/passkeys/upgrade} waits for intelligence-service's
 *     decision before it answers {@code NONE}/{@code PENDING}
 * @param pollInterval how often a waiting request looks for the decision in Redis
 * @param pollThreads threads that run those looks (they never block on anything but one Redis GET;
 *     the provider-name refresh shares them)
 */
@Validated
@ConfigurationProperties("passbridge.passkey.upgrade")
public record UpgradeProperties(
    @DefaultValue("2s") @NotNull Duration maxWait,
    @DefaultValue("50ms") @NotNull Duration pollInterval,
    @DefaultValue("2") @Min(1) int pollThreads) {}
