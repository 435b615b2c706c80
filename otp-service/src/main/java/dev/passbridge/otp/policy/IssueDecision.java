package dev.passbridge.otp.policy;

/** What to do with a {@code PasswordAuthenticated}. */
public sealed interface IssueDecision {

  /** A fresh code: send {@code code}, store {@code challenge} (which holds only its HMAC). */
  record Issue(String code, OtpChallenge challenge) implements IssueDecision {
    @Override
    public String toString() {
      return "Issue[" + challenge + "]";
    }
  }

  /** The event is so old that its code would already have expired: send nothing. */
  record Stale() implements IssueDecision {}
}
