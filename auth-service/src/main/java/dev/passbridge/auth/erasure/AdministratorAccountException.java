package dev.passbridge.auth.erasure;

/**
 * An administrator asked to erase an administrator's account: answered 409 {@code
 * administrator-account}, nothing changed. Its owner deletes it ({@code DELETE /api/me}), so a
 * stolen administrator session cannot remove the other administrators.
 */
public class AdministratorAccountException extends RuntimeException {
  public AdministratorAccountException() {
    super("an administrator's account is erased by its owner", null, false, false);
  }
}
