package dev.passbridge.otp.verify;

import java.time.Duration;

/** The answer to one verification, as the controller maps it. */
public sealed interface VerifyResult {
  /** 204: the code was right; {@code OtpVerified} is on Kafka. */
  record Verified() implements VerifyResult {}

  /** 400 {@code otp-invalid}. */
  record Invalid(int attemptsLeft) implements VerifyResult {}

  /** 429 {@code otp-locked}. */
  record Locked() implements VerifyResult {}

  /** 429 {@code otp-account-locked} with {@code Retry-After}. */
  record AccountLocked(Duration retryAfter) implements VerifyResult {}

  /**
   * 503 {@code service-unavailable} with {@code Retry-After}: another request took the right code
   * and waits for Kafka; nothing counted.
   */
  record InProgress(Duration retryAfter) implements VerifyResult {}

  /** 410 {@code otp-expired}: unknown login, used code or expired code. */
  record Expired() implements VerifyResult {}

  /** 403 {@code login-started-elsewhere}: not the login's browser; nothing counted. */
  record NotYours() implements VerifyResult {}
}
