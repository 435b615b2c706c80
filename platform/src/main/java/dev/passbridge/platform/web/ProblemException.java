package dev.passbridge.platform.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Ends a request with a problem response from deep inside an adapter (an unauthenticated request,
 * an unknown resource). Business rejections are results that controllers map themselves; this is
 * for the cross-cutting ones.
 */
public class ProblemException extends RuntimeException {
  private final transient ProblemDetail problem;
  private final Duration retryAfter;

  public ProblemException(HttpStatus status, String code, String detail) {
    this(status, code, detail, null);
  }

  public ProblemException(HttpStatus status, String code, String detail, Duration retryAfter) {
    super(code + ": " + detail, null, false, false);
    this.problem = Problems.problem(status, code, detail);
    this.retryAfter = retryAfter;
  }

  /**
   * A {@code validation-failed} problem naming the field, with its message under {@code errors} as
   * the constraint violations carry it (a path variable, say, which no bean validation checked).
   */
  public static ProblemException invalidField(String field, String message) {
    ProblemException e =
        new ProblemException(
            HttpStatus.BAD_REQUEST, "validation-failed", "The request is not valid.");
    e.problem.setProperty("errors", java.util.Map.of(field, message));
    return e;
  }

  public ProblemDetail problem() {
    return problem;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public static ProblemException unauthenticated() {
    return new ProblemException(
        HttpStatus.UNAUTHORIZED, "unauthenticated", "A valid session is required.");
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", detail);
  }
}
