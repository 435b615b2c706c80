/**
 * Passkey login: a discoverable-credential challenge (single use, not tied to a user), the
 * assertion checked against the stored credential, the counter written with a compare-and-set, and
 * a fresh login id (contracts' {@code LoginId}) announced as {@code PasskeyAuthenticated}
 * (acknowledged by Kafka before the answer). The wiring is in {@code internal}. See
 * docs/services/passkey-service.md, "Passkey login".
 */
package dev.passbridge.passkey.login;
