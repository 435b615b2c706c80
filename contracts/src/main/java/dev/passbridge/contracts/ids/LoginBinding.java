package dev.passbridge.contracts.ids;

/**
 * Binds a login to the browser that started it. A login id is no secret (it travels in the login's
 * events and log lines), so the service that starts a login (auth-service for a password login,
 * passkey-service for a passkey login) also gives that browser a random token in an HttpOnly,
 * SameSite=Strict cookie ({@value #COOKIE}, sent only under {@value #PATH}); the login keeps the
 * token's {@link #digest}, carried in {@code PasswordAuthenticated.loginBinding} and {@code
 * PasskeyAuthenticated.loginBinding}. auth-service trades the login for a session only for a
 * request presenting the token, and otp-service takes the login's code, or sends another, only with
 * it (a stranger who read a login id can do nothing with it). The digest is SHA-256 (first 128
 * bits, hex): the token has 256 random bits, so the digest cannot be turned back into it, and
 * readers of the event stream learn nothing they could present.
 */
public final class LoginBinding {
  /** The cookie holding the token. */
  public static final String COOKIE = "pb_login";

  /**
   * The path the cookie is sent under: the API (the code step {@code /api/otp/*} and the session
   * exchange {@code /api/auth/session} read it); never the pages.
   */
  public static final String PATH = "/api";

  private LoginBinding() {}

  /** A fresh token ({@link Tokens#newToken()}). */
  public static String newToken() {
    return Tokens.newToken();
  }

  /**
   * What a login keeps and compares: the token's digest; {@code null} for a token that is absent or
   * not shaped like one this system issues.
   */
  public static String digest(String token) {
    return Tokens.isToken(token) ? Tokens.digest(token) : null;
  }
}
