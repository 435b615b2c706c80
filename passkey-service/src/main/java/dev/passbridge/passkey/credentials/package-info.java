/**
 * The stored passkeys and their management: what a stored credential holds, that a change and its
 * event ({@code PasskeyCreated}, {@code PasskeyDeleted}) commit together or not at all, that a
 * duplicate credential id is a result value ({@link
 * dev.passbridge.passkey.credentials.CredentialStore.AddResult#ALREADY_REGISTERED}), that a user
 * only ever sees, renames or deletes their own passkeys (anything else is a 404), the signature
 * counter's compare-and-set, and the provider name of an AAGUID. An erased user's passkeys are
 * deleted with no event, and their tombstone makes a later add a result value too ({@link
 * dev.passbridge.passkey.credentials.CredentialStore.AddResult#USER_ERASED}), decided in the add's
 * own transaction. {@link dev.passbridge.passkey.credentials.CredentialStore} is the port; the JDBC
 * adapter (with the outbox transaction) and the wiring are in {@code internal}. See
 * docs/services/passkey-service.md.
 */
package dev.passbridge.passkey.credentials;
