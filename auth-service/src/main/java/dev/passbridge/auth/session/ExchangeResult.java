package dev.passbridge.auth.session;

import dev.passbridge.auth.login.LoginTransaction;

/** What {@code POST /api/auth/session} got for a loginId. */
public sealed interface ExchangeResult {

  record Issued(IssuedSession session, LoginTransaction login) implements ExchangeResult {}

  /** The second factor has not passed (yet). */
  record NotCompleted() implements ExchangeResult {}

  /** The login's second factor was locked after too many wrong codes: it can never complete. */
  record Locked() implements ExchangeResult {}

  /** A session was issued for this login already. */
  record AlreadyUsed() implements ExchangeResult {}

  /** The login is bound to another browser than the one asking: it did not start it. */
  record NotYours() implements ExchangeResult {}

  /** The login expired. */
  record Expired() implements ExchangeResult {}

  /**
   * No such login (yet): it may never have existed, or expired long ago, or its completing event
   * ({@code PasskeyAuthenticated} creates the login) has not been consumed yet, so it is worth
   * waiting for.
   */
  record Unknown() implements ExchangeResult {}
}
