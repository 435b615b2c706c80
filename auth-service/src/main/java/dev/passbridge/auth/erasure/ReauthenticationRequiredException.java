package dev.passbridge.auth.erasure;

import java.time.Duration;

/**
 * Deleting the account with a session whose sign-in is older than {@code
 * passbridge.auth.session.recent-sign-in}: answered 403 {@code reauthentication-required}, nothing
 * changed; the user signs in again and sends the request with the new session.
 */
public class ReauthenticationRequiredException extends RuntimeException {
  private final Duration recentSignIn;
  private final String action;

  public ReauthenticationRequiredException(Duration recentSignIn) {
    this(recentSignIn, "delete your account");
  }

  /**
   * @param action what the caller asked to do, as the problem's detail says it ("delete your
   *     account")
   */
  public ReauthenticationRequiredException(Duration recentSignIn, String action) {
    super("the sign-in behind this session is older than " + recentSignIn);
    this.recentSignIn = recentSignIn;
    this.action = action;
  }

  public String action() {
    return action;
  }

  public Duration recentSignIn() {
    return recentSignIn;
  }
}
