package dev.passbridge.platform.core.connect;

/** The outcome of checking a connect token: a value, not an exception. */
public sealed interface ConnectTokenCheck {

  record Valid(ConnectToken token) implements ConnectTokenCheck {}

  /** Malformed, wrong type or algorithm, unknown key, bad signature, expired, too long-lived. */
  record Invalid(String reason) implements ConnectTokenCheck {}
}
