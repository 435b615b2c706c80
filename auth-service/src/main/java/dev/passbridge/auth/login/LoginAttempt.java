package dev.passbridge.auth.login;

import dev.passbridge.contracts.events.ClientSignals;
import java.util.Objects;

/**
 * A password login as the browser sent it.
 *
 * @param username as typed (it is sent on as typed: Chrome matches WebAuthn {@code user.name}
 *     against the saved password's username)
 * @param clientIp the client's address (behind the gateway: from {@code X-Forwarded-For})
 * @param client autofill flag, capabilities, User-Agent and client hints, already bounded
 * @param deviceToken the {@code pb_device} cookie as presented, or {@code null}
 * @param retryToken the {@code pb_login_retry} cookie as presented, or {@code null}: set on a
 *     refusal whose login may still be announced ({@link LoginOutcome.NotAnnounced})
 */
public record LoginAttempt(
    String username,
    String password,
    String clientIp,
    ClientSignals client,
    String deviceToken,
    String retryToken) {
  public LoginAttempt(String username, String password, String clientIp, ClientSignals client) {
    this(username, password, clientIp, client, null, null);
  }

  public LoginAttempt(
      String username, String password, String clientIp, ClientSignals client, String deviceToken) {
    this(username, password, clientIp, client, deviceToken, null);
  }

  public LoginAttempt {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(clientIp, "clientIp");
    Objects.requireNonNull(client, "client");
  }

  @Override
  public String toString() {
    return "LoginAttempt[clientIp=" + clientIp + "]";
  }
}
