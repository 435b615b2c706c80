package dev.passbridge.intelligence.decision.internal;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A login waiting for its other half. Either part may arrive first (they come from two topics).
 *
 * @param password from PasswordAuthenticated, without the phone number (no PII in our changelog
 *     beyond what PasskeyEligible must carry)
 * @param otp the OtpVerified, when it arrived first
 * @param lockedAt when OtpLocked arrived first
 * @param deadline record-time (ms) after which the login times out
 */
public record PendingLogin(
    @Nullable PasswordPart password,
    @Nullable SecondFactorPart otp,
    @Nullable Instant lockedAt,
    long deadline) {

  public record PasswordPart(
      UUID userId,
      String loginId,
      String username,
      String displayName,
      String userHandle,
      boolean autofilled,
      Map<String, Boolean> capabilities,
      Platform platform,
      Instant occurredAt,
      long timestamp) {

    public PasswordPart {
      capabilities = capabilities == null ? Map.of() : Map.copyOf(capabilities);
    }

    static PasswordPart of(PasswordAuthenticated event, long timestamp) {
      return new PasswordPart(
          event.userId(),
          event.loginId(),
          event.username(),
          event.displayName(),
          event.userHandle(),
          event.client().autofilled(),
          event.client().capabilities(),
          event.platform(),
          event.occurredAt(),
          timestamp);
    }
  }

  /** The second factor's verification, kept until the password half arrives. */
  public record SecondFactorPart(UUID userId, Instant occurredAt, long timestamp) {}
}
