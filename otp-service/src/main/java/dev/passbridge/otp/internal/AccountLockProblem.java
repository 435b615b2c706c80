package dev.passbridge.otp.internal;

import dev.passbridge.platform.web.Problems;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * 429 {@code otp-account-locked}: the one answer of verify and resend while an account is locked.
 * Service-wide web adapter code (the controllers of both features render it), so it lives in the
 * service's {@code internal} package, where Spring's HTTP types are allowed.
 */
public final class AccountLockProblem {
  private AccountLockProblem() {}

  public static final String CODE = "otp-account-locked";

  public static ResponseEntity<ProblemDetail> response(Duration retryAfter) {
    return Problems.retryAfter(HttpStatus.TOO_MANY_REQUESTS, CODE, detail(retryAfter), retryAfter);
  }

  /** The page shows the detail of a problem it has no sentence of its own for. */
  static String detail(Duration retryAfter) {
    long minutes = Math.max(1, (retryAfter.toSeconds() + 59) / 60);
    return "Too many wrong codes for this account. No code is accepted or sent for "
        + (minutes == 1 ? "the next minute" : "the next " + minutes + " minutes")
        + ". Try again later.";
  }
}
