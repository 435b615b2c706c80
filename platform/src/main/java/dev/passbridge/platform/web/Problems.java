package dev.passbridge.platform.web;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem responses with a stable {@code type} per failure: {@code
 * https://passbridge.dev/problems/<code>}. Clients switch on the type (or the {@code code}
 * property), never on the human-readable title or detail.
 */
public final class Problems {
  private Problems() {}

  public static final String TYPE_BASE = "https://passbridge.dev/problems/";

  public static ProblemDetail problem(HttpStatus status, String code, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + code));
    problem.setTitle(title(code));
    problem.setProperty("code", code);
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
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    ProblemDetail problem = problem(status, code, detail);
    problem.setProperty("retryAfterSeconds", seconds);
    return ResponseEntity.status(status)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** {@code "otp-locked"} becomes {@code "Otp locked"}. */
  static String title(String code) {
    String words = code.replace('-', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
