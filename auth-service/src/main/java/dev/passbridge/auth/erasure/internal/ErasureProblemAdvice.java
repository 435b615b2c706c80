package dev.passbridge.auth.erasure.internal;

import dev.passbridge.auth.erasure.AccountNotFoundException;
import dev.passbridge.auth.erasure.AdministratorAccountException;
import dev.passbridge.auth.erasure.ErasureIncompleteException;
import dev.passbridge.auth.erasure.ReauthenticationRequiredException;
import dev.passbridge.platform.web.Problems;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * 503 {@code erasure-incomplete} for both erasures ({@code DELETE /api/me}, {@code DELETE
 * /connect/v1/users/{externalUserId}}): started, not finished, the same request again finishes it.
 * 403 {@code reauthentication-required} for {@code DELETE /api/me} and an administrator's erasure
 * with a session whose sign-in is not recent: nothing started; 409 {@code administrator-account}
 * for an administrator's erasure of an administrator: nothing started.
 */
@RestControllerAdvice
class ErasureProblemAdvice {
  private static final Logger log = LoggerFactory.getLogger(ErasureProblemAdvice.class);
  static final String DETAIL =
      "The erasure is recorded and under way, but not every step finished. Send the same request"
          + " again to finish it.";

  /**
   * An administrator's erasure named by username: by the retry the name may be free, so the retry
   * names the user id this answer carries.
   */
  static final String BY_ID_DETAIL =
      "The erasure is recorded and under way, but not every step finished. Send {\"userId\": …}"
          + " with the userId of this answer to finish it (the username may be free already).";

  @ExceptionHandler(AccountNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(AccountNotFoundException e) {
    return Problems.response(
        HttpStatus.NOT_FOUND,
        "account-not-found",
        "No account has this username; nothing was changed.");
  }

  @ExceptionHandler(ReauthenticationRequiredException.class)
  ResponseEntity<ProblemDetail> reauthenticate(ReauthenticationRequiredException e) {
    return Problems.response(
        HttpStatus.FORBIDDEN,
        "reauthentication-required",
        "To "
            + e.action()
            + ", sign in again first: your last sign-in was more than "
            + e.recentSignIn().toMinutes()
            + " minutes ago.");
  }

  @ExceptionHandler(ErasureIncompleteException.class)
  ResponseEntity<ProblemDetail> incomplete(ErasureIncompleteException e) {
    // the failure's class only: a message could quote what the request named
    log.warn("erasure not finished, a retry finishes it: {}", e.getCause().getClass().getName());
    ResponseEntity<ProblemDetail> answer =
        Problems.retryAfter(
            HttpStatus.SERVICE_UNAVAILABLE,
            "erasure-incomplete",
            e.userId().isPresent() ? BY_ID_DETAIL : DETAIL,
            Duration.ofSeconds(1));
    e.userId().ifPresent(id -> answer.getBody().setProperty("userId", id.toString()));
    return answer;
  }

  @ExceptionHandler(AdministratorAccountException.class)
  ResponseEntity<ProblemDetail> administrator(AdministratorAccountException e) {
    return Problems.response(
        HttpStatus.CONFLICT,
        "administrator-account",
        "This is an administrator's account: only its owner can delete it (on the dashboard).");
  }
}
