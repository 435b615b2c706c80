package dev.passbridge.auth.login;

/**
 * The life of a login transaction: {@code PASSWORD_OK} (waiting for the second factor) → {@code
 * COMPLETED} (second factor passed, or a passkey assertion) → {@code SESSION_ISSUED} (traded for a
 * session exactly once); or {@code PASSWORD_OK} → {@code LOCKED} (otp-service locked the login's
 * code after too many wrong ones: it can never complete).
 */
public enum LoginState {
  PASSWORD_OK,
  COMPLETED,
  SESSION_ISSUED,
  LOCKED
}
