package dev.passbridge.intelligence.login;

import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The password half of a login, as the join keeps it: what the decision and {@code PasskeyEligible}
 * need, without the phone number (no PII in the changelog beyond what PasskeyEligible must carry).
 * Stored as JSON in {@code intel-pending}: renaming a component breaks the restore of pending
 * logins.
 *
 * @param timestamp the record time (ms) of the PasswordAuthenticated
 */
public record PasswordLogin(
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

  public PasswordLogin {
    capabilities = capabilities == null ? Map.of() : Map.copyOf(capabilities);
  }

  public static PasswordLogin of(PasswordAuthenticated event, long timestamp) {
    return new PasswordLogin(
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
