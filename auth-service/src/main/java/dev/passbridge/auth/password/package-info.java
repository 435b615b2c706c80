/**
 * Password hashing: Argon2id (our own RFC 9106 implementation, checked byte for byte against Bouncy
 * Castle) in the encoded form Spring Security's encoder wrote, so old hashes verify without a
 * migration; when a stored hash needs a rehash; and how many hashes may run at once before a login
 * gets a 503 rather than exhausting memory and CPU. {@link
 * dev.passbridge.auth.password.PasswordHasher} is the port.
 */
package dev.passbridge.auth.password;
