package dev.passbridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * otp-service: the login's code is locked. {@code reason} is {@link #TOO_MANY_ATTEMPTS} (too many
 * wrong codes on this login) or {@link #TOO_MANY_ACCOUNT_ATTEMPTS} (too many wrong codes on the
 * user's account across its logins: the account's code entry is locked for a while). An account
 * lock ends every login of the account that was waiting for its code, and every login started while
 * it lasts: each gets its own event, naming that login. Consumers must accept reasons they do not
 * know.
 */
public record OtpLocked(
    UUID eventId, Instant occurredAt, UUID userId, String loginId, String reason)
    implements PassbridgeEvent, LoginEvent {

  public static final String TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS";
  public static final String TOO_MANY_ACCOUNT_ATTEMPTS = "TOO_MANY_ACCOUNT_ATTEMPTS";

  public OtpLocked {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(userId, "userId");
    Require.text(loginId, "loginId");
    Require.text(reason, "reason");
  }
}
