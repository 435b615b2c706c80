package dev.passbridge.otp.policy;

import java.time.Duration;

/**
 * The policy's verdict on a {@code PasswordAuthenticated} that was delivered again after its code
 * had been stored: does the login still wait for the SMS of that event?
 */
public sealed interface RedeliveryDecision {

  /**
   * The SMS of this event never went out (the earlier delivery stopped between storing the code and
   * sending it): send {@code code}, which replaces the stored one, after storing {@code next}.
   */
  record Send(String code, OtpChallenge next) implements RedeliveryDecision {
    @Override
    public String toString() {
      return "Send[" + next + "]";
    }
  }

  /**
   * The SMS is still owed, but the account's code entry is locked: store {@code next} (which owes
   * nothing any more and is locked by the account, {@link OtpPolicy#withheld}), send nothing and
   * announce its lock, as for a new login during the lock.
   */
  record Withhold(OtpChallenge next, Duration lockLeft) implements RedeliveryDecision {}

  /** The login's code has expired: nothing to send. */
  record Stale() implements RedeliveryDecision {}

  /**
   * Nothing is owed for this event: its SMS went out (a plain duplicate), another event's code is
   * stored, the code was used (or is being verified) or has gone, or the login is locked.
   */
  record NothingOwed() implements RedeliveryDecision {}
}
