package dev.passbridge.auth.login;

/**
 * Binds a password login to the browser that passed its password step. The login id travels in the
 * login's events and in log lines, so it cannot be what proves that a session request comes from
 * that browser: the password step also sets a random token in an HttpOnly, SameSite=Strict cookie
 * ({@value #COOKIE}, path {@value #PATH}), the login keeps its digest, and only a session request
 * presenting it gets the session. Without it, anyone who read a login id (a log line, an analytics
 * consumer of the event stream) could wait on {@code POST /api/auth/session} and take the session
 * the moment the user typed the code.
 *
 * <p>Passkey logins are not bound here (their login is created by passkey-service's answer and
 * auth-service only learns it from {@code PasskeyAuthenticated}); see
 * docs/services/auth-service.md.
 */
public final class LoginBinding {
  /** The cookie holding the binding token. */
  public static final String COOKIE = "pb_login";

  /** The only path the cookie is sent to. */
  public static final String PATH = "/api/auth/session";

  private LoginBinding() {}

  /** A fresh binding token (256 random bits, base64url). */
  public static String newToken() {
    return LoginThrottle.newToken();
  }

  /**
   * What the login stores and compares: a digest of the token, never the token; {@code null} for a
   * token that is absent or not one this service issued in shape.
   */
  public static String digestOf(String token) {
    return LoginThrottle.validToken(token) ? LoginThrottle.digest(token) : null;
  }
}
