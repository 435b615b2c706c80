package dev.passbridge.platform.web;

import dev.passbridge.platform.core.problem.Problem;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Spring MVC adapter of the problem catalogue ({@link Problem}: a stable {@code type} per failure,
 * {@code https://passbridge.dev/problems/<code>}, the same {@code code} as a property): {@link
 * ProblemDetail}s and {@link ResponseEntity}s for controllers and the problem handler. Clients
 * switch on the type (or the {@code code} property), never on the human-readable title or detail.
 */
public final class Problems {
  private Problems() {}

  public static final String TYPE_BASE = Problem.TYPE_BASE;

  public static ProblemDetail problem(HttpStatus status, String code, String detail) {
    return detail(Problem.of(status.value(), code, detail));
  }

  /** The catalogue's problem as Spring's {@link ProblemDetail}. */
  public static ProblemDetail detail(Problem source) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(source.status()), source.detail());
    problem.setType(source.type());
    problem.setTitle(source.title());
    problem.setProperty("code", source.code());
    source.properties().forEach(problem::setProperty);
    return problem;
  }

  public static ResponseEntity<ProblemDetail> response(
      HttpStatus status, String code, String detail) {
    return response(problem(status, code, detail));
  }

  public static ResponseEntity<ProblemDetail> response(
      HttpStatus status, String code, String detail, Map<String, ?> properties) {
    ProblemDetail problem = problem(status, code, detail);
    properties.forEach(problem::setProperty);
    return response(problem);
  }

  public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** 429 or 503 with {@code Retry-After} in whole seconds (at least 1). */
  public static ResponseEntity<ProblemDetail> retryAfter(
      HttpStatus status, String code, String detail, Duration retryAfter) {
    long seconds = Problem.retryAfterSeconds(retryAfter);
    ProblemDetail problem = problem(status, code, detail);
    problem.setProperty("retryAfterSeconds", seconds);
    return ResponseEntity.status(status)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
