package dev.passbridge.auth.connect;

import dev.passbridge.contracts.events.PasswordAuthenticated;

/** Publishes a reported login's event; returns only once the broker has acknowledged it. */
public interface ConnectEvents {
  void passwordAuthenticated(PasswordAuthenticated event);
}
