package dev.passbridge.intelligence.login.internal;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.intelligence.login.PasswordLogin;
import java.time.Instant;
import java.util.UUID;

/**
 * A login waiting for its other half. Either part may arrive first (they come from two topics).
 *
 * @param password from PasswordAuthenticated (the JSON of the {@code intel-pending} changelog: keep
 *     its field names)
 * @param otp the OtpVerified, when it arrived first
 * @param lockedAt when OtpLocked arrived first
 * @param deadline record-time (ms) after which the login times out
 * @param traceparent the W3C trace context of the password half's record, so that a timeout
 *     (decided by a timer, with no record of its own) stays in the login's trace; null when that
 *     record had none, and in logins stored before the field
 */
public record PendingLogin(
    @Nullable PasswordLogin password,
    @Nullable SecondFactorPart otp,
    @Nullable Instant lockedAt,
    long deadline,
    @Nullable String traceparent) {

  public PendingLogin(
      @Nullable PasswordLogin password,
      @Nullable SecondFactorPart otp,
      @Nullable Instant lockedAt,
      long deadline) {
    this(password, otp, lockedAt, deadline, null);
  }

  /** The second factor's verification, kept until the password half arrives. */
  public record SecondFactorPart(UUID userId, Instant occurredAt, long timestamp) {}
}
