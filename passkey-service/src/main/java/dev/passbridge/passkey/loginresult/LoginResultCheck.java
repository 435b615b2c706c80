package dev.passbridge.passkey.loginresult;

/**
 * The answer of {@link LoginResults#verify}: a valid result, or why not (never shown to clients).
 */
public sealed interface LoginResultCheck {
  record Valid(LoginResult result) implements LoginResultCheck {}

  record Invalid(String reason) implements LoginResultCheck {}
}
