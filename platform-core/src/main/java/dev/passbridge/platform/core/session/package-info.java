/**
 * Sessions, decided once for every service and the gateway: which session JWT is valid ({@link
 * dev.passbridge.platform.core.session.SessionTokenVerifier}: ES256 with a P-256 key by {@code
 * kid}, issuer, expiry, the claims), what a verified session is ({@link
 * dev.passbridge.platform.core.session.Session}), and the revocation rule: a session revoked on
 * logout ({@code session:revoked:<sid>}) is no session, and a store that cannot be asked fails
 * closed. Plain Java + Nimbus JOSE; docs/architecture.md §5, docs/CONVENTIONS.md "Sessions".
 */
package dev.passbridge.platform.core.session;
