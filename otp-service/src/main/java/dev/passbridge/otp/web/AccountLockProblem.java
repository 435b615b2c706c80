package dev.passbridge.otp.web;

import dev.passbridge.platform.web.Problems;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * 429 {@code otp-account-locked}: the one answer of verify and resend while an account is locked.
 */
public final class AccountLockProblem {
  private AccountLockProblem() {}

  public static final String CODE = "otp-account-locked";

  public static ResponseEntity<ProblemDetail> response(Duration retryAfter) {
    return Problems.retryAfter(
        HttpStatus.TOO_MANY_REQUESTS,
        CODE,
        "Too many wrong codes for this account. Codes are not accepted or sent until the lock"
            + " ends; try again later.",
        retryAfter);
  }
}
