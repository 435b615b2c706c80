package dev.passbridge.auth.login;

import dev.passbridge.contracts.ids.LoginBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The answer to a password login. Rejections are values, not exceptions. */
public sealed interface LoginOutcome {

  /**
   * Password right: the second factor is due.
   *
   * @param deviceToken a fresh device token for the {@code pb_device} cookie
   * @param bindingToken the login's browser binding for the {@code pb_login} cookie ({@link
   *     LoginBinding})
   */
  record SecondFactorRequired(
      String loginId,
      UUID userId,
      String channel,
      String maskedDestination,
      Instant expiresAt,
      String deviceToken,
      String bindingToken)
      implements LoginOutcome {
    @Override
    public String toString() {
      return "SecondFactorRequired[loginId=" + loginId + ", userId=" + userId + "]";
    }
  }

  /**
   * Password right, but the broker did not acknowledge {@code PasswordAuthenticated} in time. The
   * record may still be delivered (it waits in the producer, or it was written and only the
   * acknowledgement was lost), and with it the SMS: so the login is not thrown away but held for
   * this browser's retry, which resumes it (the same login id and event id) instead of starting a
   * second login with a second SMS whose code alone would work.
   *
   * @param deviceToken a fresh device token for the {@code pb_device} cookie (the presented one was
   *     retired by the password check)
   * @param retryToken names the held login for the retry ({@code pb_login_retry} cookie)
   * @param retryWindow how long from now the retry resumes it
   */
  record NotAnnounced(String deviceToken, String retryToken, Duration retryWindow)
      implements LoginOutcome {
    @Override
    public String toString() {
      return "NotAnnounced[retryWindow=" + retryWindow + "]";
    }
  }

  /** Unknown user or wrong password: deliberately indistinguishable. */
  record InvalidCredentials() implements LoginOutcome {}

  /** Too many attempts from this address or for this username. */
  record Throttled(Duration retryAfter) implements LoginOutcome {}
}
