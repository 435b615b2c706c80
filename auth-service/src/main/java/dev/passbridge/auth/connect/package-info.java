/**
 * Connect mode's server API in auth-service: a platform that keeps its own login reports a
 * completed login ({@code POST /connect/v1/logins}) or asks for a token to manage a user's passkeys
 * ({@code POST /connect/v1/tokens}) with its client credentials. Its users are mapped from (tenant,
 * external user id) to a stable internal user id and WebAuthn user handle on first sight ({@link
 * dev.passbridge.auth.connect.ConnectUsers}); a reported login publishes {@code
 * PasswordAuthenticated} with {@code source CONNECT}; the answer carries a short connect token
 * signed with the session key ({@code typ connect+jwt}). A report under an {@code Idempotency-Key}
 * is made once: a repeat is the same login and the same event ({@link
 * dev.passbridge.auth.connect.ReportKeys}). JDBC, Kafka, Redis, the signer and the wiring are in
 * {@code internal}; docs/services/auth-service.md "Connect".
 */
package dev.passbridge.auth.connect;
