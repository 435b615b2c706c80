/**
 * Connect mode's server API on passkey-service (connect.md, "Server API"): a client's backend
 * redeems a login result once ({@code POST /connect/v1/login-results/verify}) and lists or deletes
 * its users' passkeys ({@code /connect/v1/users/{externalUserId}/passkeys}), always within the
 * calling client's tenant; plus the public login-result keys ({@code /.well-known/jwks.json} of
 * this service, merged into the public JWKS by the gateway). Every server-API call is authenticated
 * with HTTP Basic (401 {@code invalid-client}) and counted against the client's per-minute quota
 * (429 {@code quota-exceeded}). See docs/services/passkey-service.md, "Connect".
 */
package dev.passbridge.passkey.connect;
