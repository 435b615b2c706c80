package dev.passbridge.auth.login;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.auth.login.*}.
 *
 * @param transactionTtl how long a login transaction lives in Redis (password to session)
 * @param otpTtl the one-time code's lifetime as otp-service applies it; only used to tell the
 *     browser {@code otp.expiresAt}
 * @param attemptsPerIp login attempts (any outcome) per client IP and {@code ipWindow}
 * @param ipWindow fixed window of the per-IP limit
 * @param failuresPerUsername failed attempts per username and {@code usernameWindow}; further
 *     attempts get 429 until the window ends (a success resets the count)
 * @param usernameWindow fixed window of the per-username limit
 * @param platformCacheSize parsed User-Agent/client-hint combinations kept in memory
 */
@Validated
@ConfigurationProperties("passbridge.auth.login")
public record LoginProperties(
    @DefaultValue("10m") @NotNull Duration transactionTtl,
    @DefaultValue("5m") @NotNull Duration otpTtl,
    @DefaultValue("30") @Min(1) int attemptsPerIp,
    @DefaultValue("1m") @NotNull Duration ipWindow,
    @DefaultValue("10") @Min(1) int failuresPerUsername,
    @DefaultValue("15m") @NotNull Duration usernameWindow,
    @DefaultValue("10000") @Min(0) @Max(1_000_000) int platformCacheSize) {}
