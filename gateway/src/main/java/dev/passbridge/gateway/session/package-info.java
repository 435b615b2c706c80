/**
 * The session check at the edge for protected routes: platform-core's token checks against
 * auth-service's keys (fetched without blocking, {@code internal.RemoteJwks}), the revocation key
 * in Redis (reactive, fail closed with 503), the admin role for insights, and a cache of verified
 * tokens. The services check the cookie again themselves.
 */
package dev.passbridge.gateway.session;
