package dev.passbridge.auth.session;

import dev.passbridge.contracts.events.LoginSucceeded;

/**
 * Publishes {@code LoginSucceeded}, acknowledged by the broker before the session is handed out.
 */
public interface SessionEvents {
  void loginSucceeded(LoginSucceeded event);
}
