package dev.passbridge.intelligence.login;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.Nullable;
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
 * @param source {@code CONNECT} for a login a platform reported; absent for hosted ones
 * @param clientId the Connect client (copied onto the decision events)
 * @param externalUserId the platform's id of the user (copied onto PasskeyEligible)
 * @param tenant the Connect tenant (copied onto PasskeyEligible)
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
    long timestamp,
    @Nullable LoginSource source,
    @Nullable String clientId,
    @Nullable String externalUserId,
    @Nullable String tenant) {

  public PasswordLogin {
    capabilities = capabilities == null ? Map.of() : Map.copyOf(capabilities);
  }

  /** A hosted login (and pending logins stored before Connect mode). */
  public PasswordLogin(
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
    this(
        userId,
        loginId,
        username,
        displayName,
        userHandle,
        autofilled,
        capabilities,
        platform,
        occurredAt,
        timestamp,
        null,
        null,
        null,
        null);
  }

  /** Hosted or Connect (absent means hosted). */
  public LoginSource sourceOrHosted() {
    return LoginSource.of(source);
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
        timestamp,
        event.source(),
        event.clientId(),
        event.externalUserId(),
        event.tenant());
  }
}
