package dev.passbridge.auth.login;

import dev.passbridge.contracts.events.PasswordAuthenticated;

/** Publishes the login's events; returns only once the broker has acknowledged them. */
public interface LoginEvents {
  void passwordAuthenticated(PasswordAuthenticated event);
}
