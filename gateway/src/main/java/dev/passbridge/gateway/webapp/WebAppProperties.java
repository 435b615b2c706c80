package dev.passbridge.gateway.webapp;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.web-app.*}: settings the browser pages read from {@code /app-config.json}.
 *
 * @param conditionalCreateTimeout how long the silent (conditional) passkey creation may wait
 *     before the page aborts it and reports {@code AbortError}; browsers that can create silently
 *     do it within a second or two, so keep it short
 * @param otpResendCooldown the countdown before "Send a new code" is offered (otp-service's resend
 *     cooldown; a 429 with Retry-After corrects it)
 * @param rpId the WebAuthn relying party id used in the credential signals; empty = the page's host
 *     name
 */
@Validated
@ConfigurationProperties("passbridge.web-app")
public record WebAppProperties(
    @DefaultValue("10s") @NotNull Duration conditionalCreateTimeout,
    @DefaultValue("30s") @NotNull Duration otpResendCooldown,
    @DefaultValue("") String rpId) {}
