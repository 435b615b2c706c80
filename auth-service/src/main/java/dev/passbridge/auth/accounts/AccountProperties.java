package dev.passbridge.auth.accounts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.auth.accounts.*}.
 *
 * @param registrationEnabled {@code POST /api/auth/register} answers; off, it is 403 {@code
 *     registration-disabled} (a platform keeps its own sign-up; this one serves demo and tests)
 * @param passwordMinLength minimum password length in code points (NIST SP 800-63B: 8 when the
 *     password is one factor of two; we ask for more)
 * @param registrationsPerIp registrations allowed per client IP and {@code registrationWindow}
 * @param registrationWindow the fixed window of that limit
 * @param demoUsers create the demo users of CONVENTIONS.md at start-up (local profile)
 */
@Validated
@ConfigurationProperties("passbridge.auth.accounts")
public record AccountProperties(
    @DefaultValue("true") boolean registrationEnabled,
    @DefaultValue("10") @Min(8) @Max(PasswordPolicy.MAX_LENGTH) int passwordMinLength,
    @DefaultValue("20") @Min(1) int registrationsPerIp,
    @DefaultValue("1h") @NotNull Duration registrationWindow,
    @DefaultValue("false") boolean demoUsers) {}
