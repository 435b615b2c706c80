package dev.passbridge.auth.erasure;

/**
 * An administrator named a username that no account has: answered 404 {@code account-not-found},
 * nothing changed.
 */
public class AccountNotFoundException extends RuntimeException {
  public AccountNotFoundException() {
    super("no account has this username", null, false, false);
  }
}
