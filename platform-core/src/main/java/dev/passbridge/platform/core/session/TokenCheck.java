package dev.passbridge.platform.core.session;

/**
 * The outcome of checking a session token: a value, not an exception (a bad token is an everyday
 * event at the edge, not a bug).
 */
public sealed interface TokenCheck {

  record Valid(Session session) implements TokenCheck {}

  /** The token names a key id the key set does not have (yet): worth one JWKS refresh. */
  record UnknownKey(String keyId) implements TokenCheck {}

  /** Malformed, wrong algorithm, bad signature, wrong issuer, expired, missing claims. */
  record Invalid(String reason) implements TokenCheck {}
}
