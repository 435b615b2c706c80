/**
 * The signed passkey-login result of Connect mode: an ES256 JWT ({@code typ login-result+jwt}) that
 * passkey-service hands the browser after a passkey login for a connect client, and that the
 * client's backend redeems once through {@code POST /connect/v1/login-results/verify}. {@link
 * dev.passbridge.passkey.loginresult.LoginResults} signs and verifies, {@link
 * dev.passbridge.passkey.loginresult.LoginResultKeys} holds the key (configured, or generated at
 * start in the local profile), {@link dev.passbridge.passkey.loginresult.LoginResultRedemptions} is
 * the single-use port (Redis {@code SET NX} in {@code internal}). See
 * docs/services/passkey-service.md, "Connect".
 */
package dev.passbridge.passkey.loginresult;
