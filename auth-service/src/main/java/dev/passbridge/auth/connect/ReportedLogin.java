package dev.passbridge.auth.connect;

import dev.passbridge.contracts.events.ClientSignals;
import java.time.Instant;
import java.util.Objects;

/**
 * A login a platform completed on its own and reports, already checked for shape by the web
 * adapter.
 *
 * @param secondFactorChannel the platform's second factor ({@code sms}, {@code totp}, ...), or null
 *     when it checked none
 * @param secondFactorVerifiedAt when that second factor passed; null exactly when the channel is
 */
public record ReportedLogin(
    String externalUserId,
    String username,
    String displayName,
    String secondFactorChannel,
    Instant secondFactorVerifiedAt,
    ClientSignals client) {

  public ReportedLogin {
    Objects.requireNonNull(externalUserId, "externalUserId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(client, "client");
    if ((secondFactorChannel == null) != (secondFactorVerifiedAt == null)) {
      throw new IllegalArgumentException("a second factor has a channel and a time");
    }
  }

  public boolean hasSecondFactor() {
    return secondFactorChannel != null;
  }
}
