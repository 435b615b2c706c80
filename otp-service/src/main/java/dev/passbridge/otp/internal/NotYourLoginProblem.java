package dev.passbridge.otp.internal;

import dev.passbridge.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * 403 {@code login-started-elsewhere}: verify and resend from a browser that does not present the
 * login's binding ({@code pb_login}). The same code and words as auth-service's session exchange,
 * so a page treats the three alike: the login cannot be finished here.
 */
public final class NotYourLoginProblem {
  private NotYourLoginProblem() {}

  public static final String CODE = "login-started-elsewhere";

  /** For the operations' API documents. */
  public static final String DESCRIPTION =
      "The login is bound to the browser that passed its password step (the pb_login cookie) and"
          + " this request does not present that binding; nothing was counted or sent.";

  public static ResponseEntity<ProblemDetail> response() {
    return Problems.response(
        HttpStatus.FORBIDDEN,
        CODE,
        "This login was started in another browser, or replaced by a newer login in this one;"
            + " log in again.");
  }
}
