/**
 * auth-service's own view of which users have a passkey ({@code hasPasskey} in {@code GET
 * /api/me}), built from passkey-service's {@code PasskeyCreated} and {@code PasskeyDeleted}: both
 * are idempotent and commute, and a deleted credential is never revived. {@link
 * dev.passbridge.auth.passkeys.PasskeyProjection} is the port; the Kafka listener, JDBC and the
 * wiring are in {@code internal}.
 */
package dev.passbridge.auth.passkeys;
