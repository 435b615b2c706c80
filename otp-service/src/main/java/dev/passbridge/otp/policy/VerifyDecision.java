package dev.passbridge.otp.policy;

import java.time.Duration;
import java.util.UUID;

/**
 * The policy's verdict on one code entered for a login. Where the account's state changes, the
 * decision carries its next state too; the caller writes both in one compare-and-set.
 */
public sealed interface VerifyDecision {

  /**
   * The right code: take the challenge ({@link OtpChallenge#verifying}), announce {@code
   * OtpVerified} with this id, delete it; store {@code account} (the account's wrong codes are
   * forgiven).
   */
  record Accepted(OtpChallenge challenge, UUID eventId, AccountStrikes account)
      implements VerifyDecision {}

  /**
   * A wrong code: store {@code next} and {@code account} (one more wrong code on each). {@code
   * attemptsLeft}: the codes the login may still enter, the last of which, if wrong, locks it or
   * its account (whichever limit is nearer).
   */
  record Rejected(OtpChallenge next, int attemptsLeft, AccountStrikes account)
      implements VerifyDecision {}

  /** The wrong code that used the login's last attempt: store both, announce the login's lock. */
  record LockedNow(OtpChallenge next, AccountStrikes account) implements VerifyDecision {}

  /**
   * The wrong code that reached the account's limit: store both ({@code account} is locked now),
   * announce the account's lock. It takes precedence over a login lock caused by the same code.
   */
  record AccountLockedNow(OtpChallenge next, AccountStrikes account) implements VerifyDecision {}

  /** Locked before: nothing is accepted, not even the right code. */
  record Locked(OtpChallenge challenge) implements VerifyDecision {}

  /**
   * The account's code entry is locked: nothing is accepted and nothing counts, for {@code
   * retryAfter} more.
   */
  record AccountLocked(OtpChallenge challenge, AccountStrikes account, Duration retryAfter)
      implements VerifyDecision {}

  /**
   * The right code was taken by another request, which is waiting for Kafka to acknowledge its
   * {@code OtpVerified}: nothing counts; ask again after {@code retryAfter} (at most a second; by
   * then the code is used, still taken, or live again if that request failed).
   */
  record InProgress(Duration retryAfter) implements VerifyDecision {}

  /** No code for this login (unknown, used, or expired). */
  record Expired() implements VerifyDecision {}

  /**
   * The request does not come from the browser that passed the login's password step (it does not
   * present the login's binding): nothing is decided and nothing counts.
   */
  record NotYours() implements VerifyDecision {}
}
