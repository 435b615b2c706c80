package dev.passbridge.auth.connect;

import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.UserErased;

/** Publishes Connect's events; each returns only once the broker has acknowledged it. */
public interface ConnectEvents {
  void passwordAuthenticated(PasswordAuthenticated event);

  void userErased(UserErased event);
}
