/**
 * Servlet adapters of platform-core's session rules: the {@code @CurrentSession} argument resolver
 * (401, 403 by role, 503 when revocations cannot be read), the session cookie reader, the Redis
 * revocation adapter and the {@code passbridge.session.*} settings. What a valid session is is
 * decided in {@code dev.passbridge.platform.core.session}.
 */
package dev.passbridge.platform.session;
