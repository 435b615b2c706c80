package dev.passbridge.gateway.problem;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with a stable {@code type} per failure, {@code
 * https://passbridge.dev/problems/<code>}, and the same {@code code} as a property: the scheme the
 * services use (platform's {@code Problems}), copied because the gateway is reactive and does not
 * depend on the servlet platform. Clients switch on {@code code}, never on title or detail.
 */
public final class Problems {
  private Problems() {}

  public static final String TYPE_BASE = "https://passbridge.dev/problems/";

  public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + code));
    problem.setTitle(title(code));
    problem.setProperty("code", code);
    return problem;
  }

  public static ProblemDetail unauthenticated(String detail) {
    return problem(HttpStatus.UNAUTHORIZED, "unauthenticated", detail);
  }

  public static ProblemDetail forbidden(String detail) {
    return problem(HttpStatus.FORBIDDEN, "forbidden", detail);
  }

  public static ProblemDetail notFound() {
    return problem(HttpStatus.NOT_FOUND, "not-found", "There is nothing at this address.");
  }

  public static ProblemDetail serviceUnavailable(String detail) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", detail);
  }

  /** Whole seconds for {@code Retry-After}, rounded up, at least 1. */
  public static long retryAfterSeconds(Duration retryAfter) {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }

  /** {@code "origin-not-allowed"} becomes {@code "Origin not allowed"}. */
  static String title(String code) {
    String words = code.replace('-', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
