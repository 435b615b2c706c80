/**
 * Who calls the browser API: a hosted session (the {@code pb_session} cookie) or a connect token
 * ({@code Authorization: Bearer}, connect.md "Browser API"). Controllers take {@code @CurrentCaller
 * Caller}; the resolver in {@code internal} verifies the token against auth-service's keys (the
 * same JWKS as sessions), requires an {@code Origin} of the token's client (403 {@code
 * origin-not-allowed}) and the endpoint's scope (403 {@code insufficient-scope}), and refuses an
 * append token whose login's ceremony is finished (401). A request with a Bearer token is never
 * answered from its cookie. See docs/services/passkey-service.md, "Connect".
 */
package dev.passbridge.passkey.caller;
