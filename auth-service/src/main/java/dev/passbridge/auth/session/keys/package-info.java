/**
 * Session signing keys: when the next key is made, which key signs, which keys the JWKS publishes
 * and when a retired key may go ({@link dev.passbridge.auth.session.keys.KeyRotationPolicy}). Keys
 * are kept through the {@link dev.passbridge.auth.session.keys.SigningKeyStore} port; JDBC, their
 * encryption at rest (AES-GCM) and the refresh schedule are in {@code internal}.
 */
package dev.passbridge.auth.session.keys;
