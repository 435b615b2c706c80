package dev.passbridge.otp.policy;

import java.time.Duration;

/** The policy's verdict on a request for a new code. */
public sealed interface ResendDecision {

  /** A new code: send {@code code}, store {@code next}; the previous code no longer matches. */
  record Reissue(String code, OtpChallenge next) implements ResendDecision {
    @Override
    public String toString() {
      return "Reissue[" + next + "]";
    }
  }

  /** Too soon after the last SMS: try again after {@code retryAfter}. */
  record CoolingDown(Duration retryAfter) implements ResendDecision {}

  /** All resends of this login are used up. */
  record LimitReached() implements ResendDecision {}

  /** The login is locked: no new code (that would reopen guessing). */
  record Locked(OtpChallenge challenge) implements ResendDecision {}

  /** The account's code entry is locked: no SMS (no pumping to a locked account). */
  record AccountLocked(Duration retryAfter) implements ResendDecision {}

  /** No code for this login (unknown, used, or expired): the user must log in again. */
  record Expired() implements ResendDecision {}

  /**
   * The request does not come from the browser that passed the login's password step (it does not
   * present the login's binding): nothing is sent and nothing counts.
   */
  record NotYours() implements ResendDecision {}
}
