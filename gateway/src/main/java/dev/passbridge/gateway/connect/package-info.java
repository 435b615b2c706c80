/**
 * Connect mode at the edge (docs/services/gateway.md, "Connect"): the configured connect clients
 * ({@code passbridge.connect.clients}, the same settings as the services), CORS for their pages on
 * the browser API and the SDK ({@link dev.passbridge.gateway.connect.ConnectCorsWebFilter}), which
 * origins the Origin rule accepts for whom ({@link dev.passbridge.gateway.connect.ConnectOrigins}),
 * the public key set ({@code /.well-known/jwks.json}: auth-service's session keys merged with
 * passkey-service's login-result keys) and the related origins ({@code /.well-known/webauthn}).
 */
package dev.passbridge.gateway.connect;
