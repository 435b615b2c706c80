/**
 * Accounts: which usernames are the same (Unicode normalisation, case), which phone numbers are
 * accepted (E.164) and how they are masked, which passwords are too weak, and what a registration
 * stores (an Argon2id hash, never the password, and an opaque WebAuthn user handle). {@link
 * dev.passbridge.auth.accounts.UserAccounts} is the port; JDBC, the local demo users and the wiring
 * are in {@code internal}. See docs/services/auth-service.md.
 */
package dev.passbridge.auth.accounts;
