package dev.passbridge.auth.connect;

import java.time.Duration;

/**
 * Platform users erased moments ago, per (tenant, external user id): while the mark lasts no login
 * report or manage token maps the id to a new user. It covers what is still in flight when a
 * platform erases a user: its other tabs asking for a manage token, a login report retried under
 * its idempotency key (whose event id names the login of the erased user). After it, the same id is
 * a new user.
 */
public interface ErasedUsers {

  void mark(String tenant, String externalUserId, Duration lifetime);

  boolean marked(String tenant, String externalUserId);
}
