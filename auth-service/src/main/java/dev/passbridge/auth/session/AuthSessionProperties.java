package dev.passbridge.auth.session;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.auth.session.*} (the cookie name and issuer are the platform's {@code
 * passbridge.session.cookie-name} / {@code issuer}, shared with every verifier).
 *
 * @param ttl session lifetime: JWT {@code exp} and cookie {@code Max-Age}
 * @param cookieSecure the session cookie's {@code Secure} flag; browsers accept Secure cookies on
 *     {@code http://localhost} too, so leave it on unless a non-browser client on plain HTTP needs
 *     it off (the login cookies, {@code pb_login} among them, stay Secure: docs/CONVENTIONS.md)
 * @param exchangeWait how long {@code POST /api/auth/session} waits for the login to complete
 * @param recentSignIn how recent the sign-in behind a session must be for deleting the account
 *     ({@code DELETE /api/me}) or for an administrator's erasure ({@code POST
 *     /api/admin/account-erasures}): an older session is refused with 403 {@code
 *     reauthentication-required}, and the user signs in again (password and code, or a passkey)
 */
@Validated
@ConfigurationProperties("passbridge.auth.session")
public record AuthSessionProperties(
    @DefaultValue("1h") @NotNull Duration ttl,
    @DefaultValue("true") boolean cookieSecure,
    @DefaultValue("5s") @NotNull Duration exchangeWait,
    @DefaultValue("10m") @NotNull Duration recentSignIn) {}
