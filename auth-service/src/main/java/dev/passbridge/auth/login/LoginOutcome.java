package dev.passbridge.auth.login;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The answer to a password login. Rejections are values, not exceptions. */
public sealed interface LoginOutcome {

  /**
   * Password right: the second factor is due.
   *
   * @param deviceToken a fresh device token for the {@code pb_device} cookie
   */
  record SecondFactorRequired(
      String loginId,
      UUID userId,
      String channel,
      String maskedDestination,
      Instant expiresAt,
      String deviceToken)
      implements LoginOutcome {
    @Override
    public String toString() {
      return "SecondFactorRequired[loginId=" + loginId + ", userId=" + userId + "]";
    }
  }

  /** Unknown user or wrong password: deliberately indistinguishable. */
  record InvalidCredentials() implements LoginOutcome {}

  /** Too many attempts from this address or for this username. */
  record Throttled(Duration retryAfter) implements LoginOutcome {}
}
