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
 */
public record PendingLogin(
    @Nullable PasswordLogin password,
    @Nullable SecondFactorPart otp,
    @Nullable Instant lockedAt,
    long deadline) {

  /** The second factor's verification, kept until the password half arrives. */
  public record SecondFactorPart(UUID userId, Instant occurredAt, long timestamp) {}
}
