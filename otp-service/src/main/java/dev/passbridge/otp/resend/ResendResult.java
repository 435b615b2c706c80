package dev.passbridge.otp.resend;

import dev.passbridge.otp.sms.SmsDeliveryException;
import java.time.Duration;
import java.time.Instant;

/** The answer to a resend request, as the controller maps it. */
public sealed interface ResendResult {

  /** 200: a new code is on its way; the previous one no longer works. */
  record Sent(
      String channel,
      String maskedDestination,
      Instant expiresAt,
      int resendsLeft,
      Instant nextResendAt)
      implements ResendResult {}

  /** 429 {@code otp-resend-cooldown} with Retry-After. */
  record CoolingDown(Duration retryAfter) implements ResendResult {}

  /** 429 {@code otp-resend-limit}: no more resends for this login. */
  record LimitReached() implements ResendResult {}

  /** 429 {@code otp-locked}. */
  record Locked() implements ResendResult {}

  /** 429 {@code otp-account-locked} with Retry-After: the account's code entry is locked. */
  record AccountLocked(Duration retryAfter) implements ResendResult {}

  /** 410 {@code otp-expired}. */
  record Expired() implements ResendResult {}

  /** 403 {@code login-started-elsewhere}: not the login's browser; nothing sent. */
  record NotYours() implements ResendResult {}

  /**
   * 503 {@code sms-unavailable} (transient) or 502 {@code sms-rejected} (with {@code reason} {@code
   * recipient} when the number cannot get SMS): nothing was sent.
   */
  record NotSent(SmsDeliveryException.Reason reason) implements ResendResult {
    public boolean transientFailure() {
      return reason == SmsDeliveryException.Reason.UNAVAILABLE;
    }
  }
}
