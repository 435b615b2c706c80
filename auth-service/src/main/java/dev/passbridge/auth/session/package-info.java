/**
 * Sessions: a completed login is traded for a session exactly once, {@code LoginSucceeded} is
 * acknowledged before the cookie is set, and the wait for the completion is bounded and holds no
 * thread; logout revokes the session id; {@code GET /api/me}. The token (ES256 JWT), the Redis
 * waits and revocations, Kafka and the wiring are in {@code internal}; signing keys in {@code
 * keys}.
 */
package dev.passbridge.auth.session;
